import { forEachConcurrently } from '../../shared/concurrency.ts';
import type { OutreachAccounts, ScanDeps, TouchDatePort } from './ports.ts';
import { processTouchDate } from './process-touch-date.ts';
import { emptyScanReport, type ScanReport } from './scan-report.ts';
import { processDueAccount } from './send-due.ts';
import { processReminder } from './send-reminder.ts';

export type { ScanDeps } from './ports.ts';
export type { ScanReport } from './scan-report.ts';

export interface ScanOptions {
  now: Date;
  /** Which shards of the due index to read; all by default (a fan-out gives each worker a few). */
  shards?: number[] | undefined;
  /** Epoch ms (on `deps.clock`) after which no new account is started; the rest stay due for the next tick. */
  deadline?: number | undefined;
  /** @default 100 */
  pageSize?: number | undefined;
  /** Accounts processed at once (sends are paced by the mailer's rate anyway). @default 8 */
  concurrency?: number | undefined;
}

/**
 * One tick of the scheduler: reads every due account from the sharded due index (every shard,
 * every page; never a table Scan) and reaches out to each exactly once per due cycle.
 */
export async function scanDueAccounts(deps: ScanDeps, opts: ScanOptions): Promise<ScanReport> {
  const { settings } = deps;
  const now = opts.now;
  const shards = opts.shards ?? Array.from({ length: settings.dueShards }, (_, i) => i);
  const report = emptyScanReport(shards.length);
  const pastDeadline = () => opts.deadline !== undefined && deps.clock().getTime() >= opts.deadline;
  let shardError: unknown;

  await forEachConcurrently(shards, Math.min(4, shards.length), async (shard) => {
    let next: Record<string, unknown> | undefined;
    do {
      if (pastDeadline()) {
        report.stoppedEarly = true;
        return;
      }
      let page: Awaited<ReturnType<OutreachAccounts['queryDueShard']>>;
      try {
        page = await deps.accounts.queryDueShard(shard, now, next, opts.pageSize ?? 100);
      } catch (error) {
        // The shard's remaining accounts stay due; the run reports failure so it is retried.
        deps.onError?.(`due-shard-${shard}`, undefined, error);
        shardError = error;
        return;
      }
      report.dueItemsRead += page.itemsRead;
      const touches = deps.touchDates ? (page.touches ?? []) : [];
      report.due += page.accounts.length + page.reminders.length + touches.length;
      const work = [
        ...page.accounts.map((account) => ({
          accountId: account.accountId,
          run: () => processDueAccount(deps, account, now, report),
        })),
        ...page.reminders.map((r) => ({
          accountId: r.accountId,
          run: () => processReminder(deps, r, now, report),
        })),
        ...touches.map((t) => ({
          accountId: t.accountId,
          run: () => processTouchDate(deps, deps.touchDates as TouchDatePort, t, now, report),
        })),
      ];
      await forEachConcurrently(work, opts.concurrency ?? 8, async (item) => {
        if (pastDeadline()) {
          report.stoppedEarly = true;
          return;
        }
        try {
          await item.run();
        } catch (error) {
          report.failed++;
          deps.onError?.('process-due-item', item.accountId, error);
        }
      });
      next = page.next;
    } while (next);
  });
  if (shardError) report.failed++;
  return report;
}
