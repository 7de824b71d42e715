import type { Metafile } from 'esbuild';
import type { JobNeeds } from '../functions/jobs.ts';

/**
 * What `npm run bench:bundle` and the bundling test share: the floor module of a job, and what a
 * Lambda bundle must never contain.
 */

/** Code that must never be in a Lambda bundle (paths as esbuild's metafile names its inputs). */
export const FORBIDDEN_IN_LAMBDA: readonly RegExp[] = [
  // The local runtime, the CLI and the infrastructure run on a machine, never in a function.
  /^functions\/local\//,
  /^functions\/cli\//,
  /^lib\//,
  /^bin\//,
  /node_modules\/(aws-cdk-lib|constructs|commander|csv-parse|cron-parser|tsx|amplify-dynamodb-simulator|aws-ses-v2-local)\//,
  // The settings schema runs at synth (and in the local runtime); functions trust what synth validated
  // (functions/config/deployed-settings.ts).
  /^functions\/config\/settings\.ts$/,
  // zod's classic API is not tree-shakeable: functions validate with zod/mini (functions/config/zod-messages.ts).
  /node_modules\/zod\/v4\/classic\//,
];

/** The inputs of a bundle that match `FORBIDDEN_IN_LAMBDA`. */
export function forbiddenInputs(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).filter((path) => FORBIDDEN_IN_LAMBDA.some((re) => re.test(path)));
}

/**
 * The bare module no handler with these needs can go below: the SDK clients the needs call for (the
 * DynamoDB document client always, SES v2 when it sends email, EventBridge when it puts events),
 * created at module scope, and one command sent with each so none is tree-shaken away.
 */
export function floorSource(needs: JobNeeds): string {
  const lines = [
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';",
    'const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
  ];
  const calls = [
    "await db.send(new GetCommand({ TableName: process.env.AH_TABLE_NAME, Key: { pk: 'x', sk: 'x' } }));",
  ];
  if (needs.sendsEmail) {
    lines.push(
      "import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';",
      'const ses = new SESv2Client({});',
    );
    calls.push('await ses.send(new SendEmailCommand({}));');
  }
  if (needs.putsEvents) {
    lines.push(
      "import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';",
      'const events = new EventBridgeClient({});',
    );
    calls.push('await events.send(new PutEventsCommand({ Entries: [] }));');
  }
  return [...lines, `export const handler = async () => { ${calls.join(' ')} };`].join('\n');
}

/**
 * The floor plus the libraries every function is asked to carry (issue 7: Powertools logger and
 * metrics; the brief: zod for validation), each used once so none is tree-shaken away: what the
 * bundle of a handler with these needs would weigh if its own code were empty.
 */
export function requiredPartsSource(needs: JobNeeds): string {
  return [
    floorSource(needs).replace('export const handler', 'const sdk'),
    "import { Logger } from '@aws-lambda-powertools/logger';",
    "import { Metrics } from '@aws-lambda-powertools/metrics';",
    "import * as z from 'zod/mini';",
    "const logger = new Logger({ serviceName: 'floor' });",
    "const metrics = new Metrics({ serviceName: 'floor', namespace: 'Floor' });",
    'const input = z.object({ job: z.optional(z.string()) });',
    'export const handler = async (event) => {',
    '  input.parse(event);',
    '  await sdk();',
    "  logger.info('done');",
    "  metrics.addMetric('Done', 'Count', 1);",
    '  metrics.publishStoredMetrics();',
    '};',
  ].join('\n');
}

/** Output bytes per source: a package under node_modules, else the folder of our file. */
export function bytesBySource(metafile: Metafile): Map<string, number> {
  const out = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
      const key = pkg ?? path.replace(/\/[^/]+$/, '/');
      out.set(key, (out.get(key) ?? 0) + bytesInOutput);
    }
  }
  return out;
}
