import type { Command } from 'commander';
import { STACK_OUTPUTS, type StackOutputKey } from '../../../lib/stack-outputs.ts';
import type { DigestRunReport } from '../../core/digest/send-digests.ts';
import type { EscalationReport } from '../../core/health/escalation.ts';
import type { ScanReport } from '../../core/outreach/scan-due-accounts.ts';
import { parseIsoDateOrInstant } from '../../core/time.ts';
import { JOBS, type JobDefinition } from '../../jobs.ts';
import { commandPublisher } from '../context.ts';
import { printJson, writeErr, writeOut } from '../format.ts';
import type { CommandKit } from '../program.ts';
import { describeDigest, describeEscalation, describeScan } from '../run-summary.ts';

interface RunOptions {
  now?: string;
  /** digest only: this owner, at once. */
  owner?: string;
  json?: boolean;
}

const scheduledJobs = () => JOBS.filter((j) => j.trigger.kind === 'schedule');

/** The outputs a job's run needs, from its `needs`, beyond the table every command needs. */
function outputsFor(job: JobDefinition): StackOutputKey[] {
  return [
    ...(job.needs.sendsEmail
      ? [STACK_OUTPUTS.senderAddress, STACK_OUTPUTS.configurationSetName, STACK_OUTPUTS.publicBaseUrl]
      : []),
    ...(job.needs.putsEvents ? [STACK_OUTPUTS.eventBusName] : []),
  ];
}

/** The run report in words; a job without a describer of its own prints its report as JSON. */
function describe(job: string, result: unknown, at: Date, owner: string | undefined): string {
  if (job === 'scan') return describeScan(result as ScanReport, at);
  if (job === 'digest') return describeDigest(result as DigestRunReport, at, owner);
  if (job === 'escalate') return describeEscalation(result as EscalationReport, at);
  return JSON.stringify(result, null, 2);
}

export function registerRun(program: Command, kit: CommandKit): void {
  program
    .command('run')
    .description(
      `Run a scheduled job once, as its schedule would (${scheduledJobs()
        .map((j) => j.name)
        .join(', ')})`,
    )
    .argument('<job>', 'the job name')
    .option('--now <ISO>', 'the time the run pretends it is (default: now)')
    .option('--owner <email>', "digest: only this owner's digest, now (still at most one per period)")
    .addHelpText(
      'after',
      '\nAgainst the local stack (default), the job runs in this process on DynamoDB Local and SES local,\n' +
        'and its events go through the in-process bus, printed as they happen.\n' +
        'With --stack <name>, the job still runs in this process (not in Lambda), on the deployed table,\n' +
        "SES (sender and configuration set) and bus, with your AWS credentials: they need what the job's\n" +
        'function role has (e.g. DynamoDB reads and writes on the table, ses:SendEmail, events:PutEvents).\n' +
        'Emails really go out; the send ledger still makes a re-run send nothing twice.',
    )
    .option('--json', 'print the run report as JSON')
    .action(
      kit.action(async (name: string, opts: RunOptions) => {
        // Before any handler module loads (Powertools reads these once): the handler's own log lines only
        // from WARN up, and no business metrics, which are the deployed functions' to publish, not a laptop's.
        process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
        process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
        const job = scheduledJobs().find((j) => j.name === name);
        if (!job)
          throw new Error(
            `No scheduled job named "${name}". Jobs: ${scheduledJobs()
              .map((j) => j.name)
              .join(', ')}`,
          );
        const at = opts.now === undefined ? kit.context().now() : parseIsoDateOrInstant(opts.now);
        if (!at) throw new Error(`--now ${opts.now} is not an ISO date or time (e.g. 2026-11-23T09:30:00Z)`);

        const ctx = kit.context();
        const { runtime, settings, db, stack } = ctx;
        if (stack) {
          // The deployed stack: the job runs here, as its function would, on the real table, SES
          // and bus (the stack's runtime has no endpoint overrides), with the caller's credentials.
          const { requireOutputs } = await import('../../adapters/cloudformation/stack-resolver.ts');
          requireOutputs(stack, outputsFor(job));
          writeErr(
            `Running ${job.name} in this process against stack "${stack.stackName}" (${stack.region}): ` +
              `table ${runtime.tableName}${runtime.busName ? `, events to bus ${runtime.busName}` : ''}.\n`,
          );
        }
        // Locally, events go through the in-process bus, printed as they happen; with --stack, to its bus.
        const events = await commandPublisher(ctx);
        const [{ invokeJob, scheduledInvocation }, { jobRunner }] = await Promise.all([
          import('../../local/host.ts'),
          import('../../handlers/wiring/jobs.ts'),
        ]);
        const runner = await jobRunner(job.name, runtime, settings, { db, events: events.publisher });
        const invocation = scheduledInvocation(job.name, at);
        let result: unknown;
        let failed = false;
        try {
          result = await invokeJob(
            job,
            opts.owner && job.name === 'digest' ? { ...invocation, owner: opts.owner } : invocation,
            runner,
          );
        } catch (error) {
          const report = (error as { report?: unknown }).report;
          if (!report) throw error;
          result = report;
          failed = true;
          writeErr(`error: ${(error as Error).message}\n`);
        } finally {
          await events.idle();
        }
        const owner = job.name === 'digest' ? opts.owner?.trim().toLowerCase() : undefined;
        // An address that holds no accounts is an error, like any unknown id given to a command.
        if (owner && (result as DigestRunReport).owners === 0)
          throw new Error(
            `No account owner ${owner}: no digest was sent or recorded (owners: npx account-health accounts)`,
          );
        if (opts.json) printJson(result);
        else writeOut(`${describe(job.name, result, at, owner)}\n`);
        return failed ? 1 : 0;
      }),
    );
}
