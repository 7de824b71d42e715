import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { STACK_OUTPUTS } from '../../../lib/stack-outputs.ts';
import type { DeployedStack } from '../../adapters/cloudformation/stack-resolver.ts';
import type { CrmEventOutcome } from '../../core/crm/apply-crm-event.ts';
import { CRM_CONTACT_LOGGED, CRM_DETAIL_TYPES, CRM_EVENT_SOURCE } from '../../core/events/crm.ts';
import { parseIsoDateOrInstant } from '../../core/time.ts';
import { commandPublisher } from '../context.ts';
import { printJson, writeErr, writeOut } from '../format.ts';
import type { CommandKit } from '../program.ts';

interface SendEventOptions {
  source: string;
  json?: boolean;
  now?: string;
}

/** `{...}` as is, `@file.json` read from the file. */
async function readDetail(arg: string): Promise<unknown> {
  const text = arg.startsWith('@') ? await readFile(arg.slice(1), 'utf8') : arg;
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(
      `the detail is not JSON (${(e as Error).message}); EventBridge's PutEvents refuses it too. Pass a JSON object or @file.json`,
    );
  }
}

function describe(outcome: CrmEventOutcome, job: string): string {
  const about = [`event ${outcome.eventId}`, outcome.accountId ? `account ${outcome.accountId}` : '']
    .filter(Boolean)
    .join(', ');
  const head = `${outcome.detailType} (${about}) -> ${job}: ${outcome.status}${outcome.result ? ` (${outcome.result})` : ''}`;
  const lines = [head];
  if (outcome.reason)
    lines.push(`  reason: ${outcome.reason}`, '  listed by: npx account-health dead-letters');
  for (const w of outcome.warnings ?? []) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}

/** PutEvents on a deployed stack's bus: its crm-events function applies the event, asynchronously. */
async function putOnDeployedBus(
  stack: DeployedStack,
  entry: { source: string; detailType: string; detail: unknown },
): Promise<{ eventId: string; bus: string }> {
  const { requireOutputs } = await import('../../adapters/cloudformation/stack-resolver.ts');
  requireOutputs(stack, [STACK_OUTPUTS.eventBusName]);
  const bus = stack.runtime.busName as string;
  const { putEvent } = await import('../../adapters/eventbridge/publisher.ts');
  const eventId = await putEvent({ busName: bus, region: stack.region, ...entry });
  return { eventId, bus };
}

export function registerSendEvent(program: Command, kit: CommandKit): void {
  program
    .command('send-event')
    .description(
      `Put an inbound CRM event on the local bus and run its consumer now (${CRM_DETAIL_TYPES.join(', ')}; docs/events.md)`,
    )
    .argument('<detail-type>', `the event's detail-type, e.g. "${CRM_CONTACT_LOGGED}"`)
    .argument('<detail>', 'the detail as JSON text, or @file.json')
    .option('--source <source>', 'the event source', CRM_EVENT_SOURCE)
    .option('--json', 'print what the consumer did as JSON')
    .option('--now <ISO>', 'local stack: the time the consumer pretends it is (default: now)')
    .addHelpText(
      'after',
      '\nAgainst the local stack (default), the consumer runs in this process on DynamoDB Local and prints\n' +
        'what it did. With --stack <name>, the event goes to the deployed bus with PutEvents (your AWS\n' +
        'credentials need events:PutEvents on it) and the deployed function applies it asynchronously.',
    )
    .action(
      kit.action(async (detailType: string, detailArg: string, opts: SendEventOptions) => {
        // Before any handler module loads (Powertools reads these once): the handler's own log lines only
        // from ERROR up, and no business metrics, which are the deployed functions' to publish, not a laptop's.
        process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
        process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
        const detail = await readDetail(detailArg);
        const { stack } = kit.context();
        if (stack) {
          const put = await putOnDeployedBus(stack, { source: opts.source, detailType, detail });
          if (opts.json) printJson({ ...put, stack: stack.stackName, delivery: 'asynchronous' });
          else
            writeOut(
              `Put ${detailType} (event ${put.eventId}) on the bus ${put.bus} of stack ${stack.stackName}.\n` +
                `Its crm-events function applies it within seconds; a refused event shows in \`npx account-health dead-letters --stack ${stack.stackName}\`.\n`,
            );
          return 0;
        }
        const ctx = kit.context();
        const { runtime, settings, db } = ctx;
        const at = opts.now === undefined ? undefined : parseIsoDateOrInstant(opts.now);
        if (opts.now !== undefined && !at)
          throw new Error(`--now ${opts.now} is not an ISO date or time (e.g. 2026-11-23T09:30:00Z)`);
        const [{ invokeJob }, { targetsOf }, { jobRunner }] = await Promise.all([
          import('../../local/host.ts'),
          import('../../local/bus.ts'),
          import('../../handlers/wiring/jobs.ts'),
        ]);
        const envelope = {
          version: '0',
          id: randomUUID(),
          'detail-type': detailType,
          source: opts.source,
          account: '000000000000',
          time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          region: runtime.region,
          resources: [],
          detail: detail as Record<string, unknown>,
        };
        const targets = targetsOf(envelope);
        if (targets.length === 0) {
          const message = `No rule matches source "${opts.source}" and detail-type "${detailType}": nothing received the event. Inbound events use source "${CRM_EVENT_SOURCE}" and one of: ${CRM_DETAIL_TYPES.join(', ')}.`;
          if (opts.json) printJson({ eventId: envelope.id, delivered: [] });
          writeErr(`${message}\n`);
          return 1;
        }
        // Events the consumer emits (Account At Risk) go on an in-process bus, logged to stderr.
        const events = await commandPublisher(ctx);
        const outcomes: { job: string; outcome: CrmEventOutcome }[] = [];
        try {
          for (const job of targets) {
            const runner = await jobRunner(job.name, runtime, settings, {
              db,
              events: events.publisher,
              ...(at ? { clock: () => at } : {}),
            });
            outcomes.push({
              job: job.name,
              outcome: (await invokeJob(job, envelope, runner)) as CrmEventOutcome,
            });
          }
        } finally {
          await events.idle();
        }
        if (opts.json) printJson(outcomes.length === 1 ? outcomes[0]?.outcome : outcomes);
        else writeOut(`${outcomes.map((o) => describe(o.outcome, o.job)).join('\n')}\n`);
        return outcomes.some((o) => o.outcome?.status === 'rejected') ? 1 : 0;
      }),
    );
}
