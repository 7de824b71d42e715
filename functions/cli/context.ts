import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeployedStack } from '../adapters/cloudformation/stack-resolver.ts';
import { AccountStore } from '../adapters/dynamodb/account-store.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { localRuntime, type Runtime } from '../config/runtime.ts';
import { loadSettings, type Settings } from '../config/settings.ts';
import type { Publisher } from '../core/events/ports.ts';
import { writeErr } from './format.ts';

/** What every command works with. Built once per invocation. */
export interface CliContext {
  runtime: Runtime;
  settings: Settings;
  db: DynamoDBDocumentClient;
  store: AccountStore;
  /** The clock; `--now` overrides it where a command offers that. */
  now: () => Date;
  /** The deployed stack the command talks to (`--stack <name>`); undefined for the local stack. */
  stack?: DeployedStack | undefined;
}

export class StackDownError extends Error {
  constructor(endpoint: string) {
    super(
      `The local stack is not running: nothing answers at ${endpoint}.\n` +
        'Start it in another terminal with `npm start` (set AH_DDB_PORT if it runs on another port), then try again.',
    );
    this.name = 'StackDownError';
  }
}

export interface CliContextOptions {
  /** Talk to this deployed stack instead of the local one. */
  stack?: string | undefined;
  /** For tests: the client DescribeStacks goes through. */
  cloudFormation?: CloudFormationClient;
}

/**
 * The local stack of `npm start` by default; with `stack`, the deployed stack of that name, found
 * through its CloudFormation outputs (functions/cli/stack.ts). Settings come from the local settings
 * file either way: the same file `cdk deploy` hands the functions, in a checkout of this repository.
 */
export async function createCliContext(
  env: NodeJS.ProcessEnv = process.env,
  options: CliContextOptions = {},
): Promise<CliContext> {
  let stack: DeployedStack | undefined;
  if (options.stack) {
    // Loaded only for --stack: the local path never pays for the CloudFormation client.
    const { resolveStack } = await import('../adapters/cloudformation/stack-resolver.ts');
    stack = await resolveStack(options.stack, options.cloudFormation);
  }
  const runtime = stack?.runtime ?? localRuntime(env);
  const settings = loadSettings(env);
  const db = createDocumentClient(runtime);
  return {
    runtime,
    settings,
    db,
    store: new AccountStore(db, runtime.tableName, settings),
    now: () => new Date(),
    stack,
  };
}

/**
 * Where a command's events go: with --stack, the deployed bus (PutEvents, your credentials); else an
 * in-process bus that applies the jobs table's rules, runs the matching jobs here with this
 * command's runtime and settings (wired explicitly, never through process.env), and prints each
 * event on stderr (stdout stays the command's output). `idle()` waits for what the events triggered.
 */
export async function commandPublisher(
  ctx: Pick<CliContext, 'runtime' | 'settings' | 'db'>,
): Promise<{ publisher: Publisher; idle(): Promise<void> }> {
  const { runtime, settings, db } = ctx;
  if (runtime.busName) {
    const { createEventBridgePublisher } = await import('../adapters/eventbridge/publisher.ts');
    return { publisher: createEventBridgePublisher(runtime.busName, runtime.region), idle: async () => {} };
  }
  const [{ LocalEventBus }, { invokeJob }, { jobRunner }] = await Promise.all([
    import('../local/bus.ts'),
    import('../local/host.ts'),
    import('../handlers/wiring/jobs.ts'),
  ]);
  const runners = new Map<string, ReturnType<typeof jobRunner>>();
  const bus: InstanceType<typeof LocalEventBus> = new LocalEventBus({
    log: (line) => writeErr(`${line}\n`),
    region: runtime.region,
    invoke: async (job, envelope) => {
      let runner = runners.get(job.name);
      if (!runner) {
        runner = jobRunner(job.name, runtime, settings, { db, events: bus });
        runners.set(job.name, runner);
      }
      return invokeJob(job, envelope, await runner);
    },
  });
  return { publisher: bus, idle: () => bus.idle() };
}

/** Turns "connection refused", "no such table" and "no credentials" into a message a user can act on. */
export function explainConnectionError(
  error: unknown,
  ctx: Pick<CliContext, 'runtime' | 'stack'> | undefined,
): Error {
  const e = error as { code?: string; name?: string; cause?: { code?: string }; message?: string };
  const code = e.code ?? e.cause?.code;
  const credentials =
    e.name === 'CredentialsProviderError' || /Could not load credentials/i.test(e.message ?? '');
  if (credentials)
    return new Error(
      'No AWS credentials for --stack. Sign in the way you deploy (e.g. `aws sso login`, AWS_PROFILE, or ' +
        'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), then try again.',
    );
  if (!ctx) return error as Error;
  const { runtime, stack } = ctx;
  if (!stack && (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message ?? '')))
    return new StackDownError(runtime.ddbEndpoint ?? 'DynamoDB');
  if (e.name === 'ResourceNotFoundException') {
    if (stack)
      return new Error(
        `The table ${runtime.tableName} of stack "${stack.stackName}" does not exist in ${stack.region}. ` +
          'Was the table deleted after the stack? `npx cdk deploy` creates it again (empty).',
      );
    return new Error(
      `The table ${runtime.tableName} does not exist at ${runtime.ddbEndpoint ?? 'DynamoDB'}. ` +
        'Start the local stack with `npm start` (it creates the table), then try again.',
    );
  }
  if (stack && (e.name === 'AccessDeniedException' || e.name === 'AccessDenied'))
    return new Error(
      `AWS refused the call with the current credentials (${e.name}) for stack "${stack.stackName}": ` +
        `${e.message ?? ''}`.trim(),
    );
  return error as Error;
}
