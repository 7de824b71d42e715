import type { Command } from 'commander';
import { parseIsoDateOrInstant } from '../../core/time.ts';
import { logContact } from '../../core/touches/log-contact.ts';
import { commandPublisher } from '../context.ts';
import { printJson, relativeDate, writeErr, writeOut } from '../format.ts';
import type { CommandKit } from '../program.ts';

interface LogContactOptions {
  at?: string;
  note?: string;
  json?: boolean;
}

export function registerLogContact(program: Command, kit: CommandKit): void {
  program
    .command('log-contact')
    .description(
      "Record a touch with an account (a call, a meeting): resets the account's contact clock and tells the bus",
    )
    .argument('<accountId>', 'the account id')
    .option('--at <ISO>', 'when it happened (ISO date or time)', undefined)
    .option('--note <text>', 'what it was about')
    .option('--json', 'print JSON for machines')
    .action(
      kit.action(async (accountId: string, opts: LogContactOptions) => {
        const { store, now } = kit.context();
        const at = opts.at === undefined ? now() : parseIsoDateOrInstant(opts.at);
        if (!at)
          throw new Error(
            `--at ${opts.at} is not an ISO date or time (e.g. 2026-11-20 or 2026-11-20T15:30:00Z)`,
          );
        if (at.getTime() > now().getTime() + 60_000)
          throw new Error('--at is in the future; a contact can only be logged once it happened');
        const events = await commandPublisher(kit.context());
        const account = await logContact(
          {
            accounts: store,
            events: events.publisher,
            onError: (_where, _id, error) =>
              writeErr(
                `warning: the contact is logged, but its event was not sent: ${(error as Error).message}\n`,
              ),
          },
          { accountId, at: at.toISOString(), kind: 'note', note: opts.note, source: 'cli' },
          now(),
        );
        await events.idle();
        if (opts.json) printJson(account);
        else
          writeOut(
            `Logged contact with ${account.name} (${account.accountId}) at ${at.toISOString()}.\n` +
              `Last contact: ${relativeDate(account.lastContactAt, now())}; next due: ${relativeDate(account.nextDueAt, now())}.\n`,
          );
        return 0;
      }),
    );
}
