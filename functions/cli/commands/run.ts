import type { Command } from 'commander';
import type { ScanReport } from '../../core/outreach/scan-due-accounts.ts';
import { parseIsoDateOrInstant } from '../../core/time.ts';
import { JOBS } from '../../jobs.ts';
import { printJson } from '../format.ts';
import type { CommandKit } from '../program.ts';

interface RunOptions {
  now?: string;
  json?: boolean;
}

const scheduledJobs = () => JOBS.filter((j) => j.trigger.kind === 'schedule');

function describeScan(r: ScanReport, now: Date): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return [
    `Scan at ${now.toISOString()}: ${plural(r.due, 'account')} due (${r.dueItemsRead} due-index items read, ${r.shards} shards)`,
    `  sent:     ${plural(r.sent.checkIn, 'check-in')}, ${plural(r.sent.survey, 'survey')}, ${plural(r.sent.reminder, 'survey reminder')}, ${plural(r.sent.ownerNote, 'owner note')}`,
    `  waiting:  ${r.deferred.businessHours} for business hours, ${r.deferred.fatigue} for the fatigue budget; ${r.rescheduled} rescheduled by policy`,
    `  retries:  ${r.repaired} repaired, ${r.inFlight} in flight elsewhere, ${r.failed} failed${r.stoppedEarly ? ' (stopped at the time limit; the rest stay due)' : ''}`,
  ].join('\n');
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
    .option('--json', 'print the run report as JSON')
    .action(
      kit.action(async (name: string, opts: RunOptions) => {
        const job = scheduledJobs().find((j) => j.name === name);
        if (!job)
          throw new Error(
            `No scheduled job named "${name}". Jobs: ${scheduledJobs()
              .map((j) => j.name)
              .join(', ')}`,
          );
        const at = opts.now === undefined ? kit.context().now() : parseIsoDateOrInstant(opts.now);
        if (!at) throw new Error(`--now ${opts.now} is not an ISO date or time (e.g. 2026-11-23T09:30:00Z)`);

        // Handlers read their endpoints from the environment, as in Lambda: point them at the local stack.
        const { runtime } = kit.context();
        process.env.AH_TABLE_NAME ??= runtime.tableName;
        process.env.AH_DDB_ENDPOINT ??= runtime.ddbEndpoint;
        process.env.AH_SES_ENDPOINT ??= runtime.sesEndpoint;
        process.env.AH_SENDER ??= runtime.sender;
        process.env.AH_PUBLIC_BASE_URL ??= runtime.publicBaseUrl;
        process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
        const [{ invokeScheduled }, { LocalEventBus, setLocalPublisher }] = await Promise.all([
          import('../../local/host.ts'),
          import('../../local/bus.ts'),
        ]);
        const bus = new LocalEventBus({ log: (line) => process.stderr.write(`${line}\n`) });
        setLocalPublisher(bus);
        let result: unknown;
        let failed = false;
        try {
          result = await invokeScheduled(job, at);
        } catch (error) {
          const report = (error as { report?: unknown }).report;
          if (!report) throw error;
          result = report;
          failed = true;
          process.stderr.write(`error: ${(error as Error).message}\n`);
        } finally {
          await bus.idle();
          setLocalPublisher(undefined);
        }
        if (opts.json) printJson(result);
        else if (job.name === 'scan') process.stdout.write(`${describeScan(result as ScanReport, at)}\n`);
        else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return failed ? 1 : 0;
      }),
    );
}
