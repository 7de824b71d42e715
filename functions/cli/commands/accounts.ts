import type { Command } from 'commander';
import { DueIndex } from '../../adapters/dynamodb/due-index.ts';
import type { Account } from '../../core/account.ts';
import { localizeDates } from '../../core/health/health-score.ts';
import { dueCell, printJson, relativeDate, table, writeOut } from '../format.ts';
import { latestScoreCell, listAtRiskAccounts, liveHealth } from '../health-view.ts';
import type { CommandKit } from '../program.ts';

interface AccountsOptions {
  owner?: string;
  due?: boolean;
  atRisk?: boolean;
  json?: boolean;
}

const OWNERS_SHOWN = 10;

/** Why the list is empty: nothing imported yet, or nothing that matches (naming the owner asked for). */
async function noAccountsLine(
  store: { listOwners(): Promise<Array<{ email: string }>> },
  opts: AccountsOptions,
): Promise<string> {
  const of = opts.owner ? ` of ${opts.owner}` : '';
  if (opts.atRisk) return `No account${of} is at risk.`;
  if (opts.due) return `No account${of} is due.`;
  const owners = await store.listOwners();
  if (!opts.owner || owners.length === 0)
    return 'No accounts yet. Import some with `account-health import <file>`.';
  const shown = owners.slice(0, OWNERS_SHOWN).map((o) => o.email);
  const more = owners.length > OWNERS_SHOWN ? ` and ${owners.length - OWNERS_SHOWN} more` : '';
  return `No accounts owned by ${opts.owner}. Owners on record: ${shown.join(', ')}${more}.`;
}

export function registerAccounts(program: Command, kit: CommandKit): void {
  program
    .command('accounts')
    .description('List accounts with their tier (and why), last contact and next due time')
    .option('--owner <email>', "only this owner's accounts")
    .option('--due', 'only accounts whose next contact is due now')
    .option('--at-risk', 'only accounts at risk, with the reasons')
    .option('--json', 'print JSON for machines')
    .action(
      kit.action(async (opts: AccountsOptions) => {
        const ctx = kit.context();
        const { store, now } = ctx;
        const at = now();
        let accounts: Account[];
        if (opts.atRisk) {
          accounts = await listAtRiskAccounts(ctx);
          if (opts.owner)
            accounts = accounts.filter((a) => a.ownerEmail.toLowerCase() === opts.owner?.toLowerCase());
          if (opts.due) accounts = accounts.filter((a) => Date.parse(a.nextDueAt) <= at.getTime());
        } else if (opts.due) {
          accounts = await new DueIndex(store.db, store.tableName, store.settings).listDue(at);
          if (opts.owner)
            accounts = accounts.filter((a) => a.ownerEmail.toLowerCase() === opts.owner?.toLowerCase());
        } else {
          accounts = opts.owner ? await store.listAccountsByOwner(opts.owner) : await store.listAllAccounts();
        }
        const health = await liveHealth(ctx, accounts, at);
        if (opts.json) {
          printJson(accounts.map((a) => ({ ...a, health: health.get(a.accountId) ?? a.health })));
          return 0;
        }
        if (accounts.length === 0) {
          writeOut(`${await noAccountsLine(store, opts)}\n`);
          return 0;
        }
        const healthCell = (a: Account) => {
          const h = health.get(a.accountId);
          return h ? `${h.band} ${h.score}` : '-';
        };
        if (opts.atRisk) {
          const rows = accounts.map((a) => [
            a.name,
            a.accountId,
            a.ownerEmail,
            a.tier,
            healthCell(a),
            a.risk?.since.slice(0, 10) ?? '',
            a.risk?.acknowledgedAt ? 'yes' : 'no',
            (a.risk?.reasons ?? []).map((r) => localizeDates(r, 'UTC')).join('; '),
          ]);
          writeOut(
            `${table(['Account', 'ID', 'Owner', 'Tier', 'Health', 'At risk since', 'Acknowledged', 'Why'], rows)}\n`,
          );
        } else {
          const rows = accounts.map((a) => [
            a.name,
            a.accountId,
            a.ownerEmail,
            a.tier,
            a.tierReason.replace(/^\w+: /, ''),
            healthCell(a),
            latestScoreCell(health.get(a.accountId)),
            relativeDate(a.lastContactAt, at),
            a.pause ? `paused: ${a.pause.reason}` : dueCell(a.nextDueAt, at),
          ]);
          writeOut(
            `${table(['Account', 'ID', 'Owner', 'Tier', 'Why', 'Health', 'Latest score', 'Last contact', 'Next due'], rows)}\n`,
          );
        }
        writeOut(`${accounts.length} account${accounts.length === 1 ? '' : 's'}\n`);
        return 0;
      }),
    );
}
