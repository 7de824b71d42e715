import type { Command } from 'commander';
import type { Account } from '../../core/account.ts';
import { dueCell, printJson, relativeDate, table } from '../format.ts';
import type { CommandKit } from '../program.ts';

interface AccountsOptions {
  owner?: string;
  due?: boolean;
  json?: boolean;
}

export function registerAccounts(program: Command, kit: CommandKit): void {
  program
    .command('accounts')
    .description('List accounts with their tier (and why), last contact and next due time')
    .option('--owner <email>', "only this owner's accounts")
    .option('--due', 'only accounts whose next contact is due now')
    .option('--json', 'print JSON for machines')
    .action(
      kit.action(async (opts: AccountsOptions) => {
        const { store, now } = kit.context();
        const at = now();
        let accounts: Account[];
        if (opts.due) {
          accounts = await store.listDue(at);
          if (opts.owner)
            accounts = accounts.filter((a) => a.ownerEmail.toLowerCase() === opts.owner?.toLowerCase());
        } else {
          accounts = opts.owner ? await store.listAccountsByOwner(opts.owner) : await store.listAllAccounts();
        }
        if (opts.json) {
          printJson(accounts);
          return 0;
        }
        if (accounts.length === 0) {
          process.stdout.write(
            opts.due
              ? 'No account is due.\n'
              : 'No accounts yet. Import some with `account-health import <file>`.\n',
          );
          return 0;
        }
        const rows = accounts.map((a) => [
          a.name,
          a.accountId,
          a.ownerEmail,
          a.tier,
          a.tierReason.replace(/^\w+: /, ''),
          relativeDate(a.lastContactAt, at),
          dueCell(a.nextDueAt, at),
        ]);
        process.stdout.write(
          `${table(['Account', 'ID', 'Owner', 'Tier', 'Why', 'Last contact', 'Next due'], rows)}\n`,
        );
        process.stdout.write(`${accounts.length} account${accounts.length === 1 ? '' : 's'}\n`);
        return 0;
      }),
    );
}
