import { forEachConcurrently, sharedLimit } from '../../shared/concurrency.ts';
import type { DuePageResult, ScanDeps, TouchDatePort } from './ports.ts';
import { processTouchDate } from './process-touch-date.ts';
import { emptyScanReport, type ScanReport } from './scan-report.ts';
import { type DueAccountFacts, processDueAccount, readDueFacts } from './send-due.ts';
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
  /** Items (accounts, reminders, touches) processed at once across all shards (sends are paced by the mailer's rate anyway). @default 8 */
  concurrency?: number | undefined;
}

interface PageRead {
  page: DuePageResult;
  facts: Map<string, DueAccountFacts>;
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
  const limit = opts.concurrency ?? 8;
  // One limit for the whole tick, whichever shard an item comes from.
  const inFlight = sharedLimit(limit);
  let shardError: unknown;

  /** A page of the shard with what its accounts' plans are made from (`readDueFacts`). */
  const readPage = async (
    shard: number,
    startKey: Record<string, unknown> | undefined,
  ): Promise<PageRead | undefined> => {
    let page: DuePageResult;
    try {
      page = await deps.accounts.queryDueShard(shard, now, startKey, opts.pageSize ?? 100);
    } catch (error) {
      // The shard's remaining accounts stay due; the run reports failure so it is retried.
      deps.onError?.(`due-shard-${shard}`, undefined, error);
      shardError = error;
      return undefined;
    }
    try {
      return { page, facts: await readDueFacts(deps, page.accounts, limit) };
    } catch (error) {
      // Like failed items: these accounts stay due for the next tick.
      deps.onError?.('read-due-facts', undefined, error);
      report.failed += page.accounts.length;
      return { page, facts: new Map<string, DueAccountFacts>() };
    }
  };

  await forEachConcurrently(shards, Math.min(4, shards.length), async (shard) => {
    let pending: Promise<PageRead | undefined> | undefined = readPage(shard, undefined);
    while (pending) {
      const read: PageRead | undefined = await pending;
      if (!read) return;
      const { page, facts }: PageRead = read;
      if (pastDeadline()) {
        report.stoppedEarly = true;
        return;
      }
      // The next page and its contacts are read while this one's sends are in flight.
      pending = page.next ? readPage(shard, page.next) : undefined;
      report.dueItemsRead += page.itemsRead;
      const touches = deps.touchDates ? (page.touches ?? []) : [];
      report.due += page.accounts.length + page.reminders.length + touches.length;
      const work = [
        ...page.accounts
          .filter((account) => facts.has(account.accountId))
          .map((account) => ({
            accountId: account.accountId,
            run: () => processDueAccount(deps, account, now, report, facts.get(account.accountId)),
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
      await forEachConcurrently(work, limit, (item) =>
        inFlight(async () => {
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
        }),
      );
    }
  });
  if (shardError) report.failed++;
  return report;
}
