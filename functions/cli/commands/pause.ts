import type { Command } from 'commander';
import { pauseReasonSchema } from '../../core/events/crm.ts';
import { pauseOutreach, resumeOutreach } from '../../core/outreach/pause-outreach.ts';
import { dueCell, printJson, writeOut } from '../format.ts';
import type { CommandKit } from '../program.ts';

/** The reason, held to the same text policy as a CRM's `Outreach Paused` (one line, trimmed, 500 characters). */
function checkedReason(reason: string | undefined): string {
  if (reason === undefined || reason.trim() === '')
    throw new Error(
      '--reason is required: say why outreach is paused (e.g. --reason "contract negotiation")',
    );
  const r = pauseReasonSchema().safeParse(reason);
  if (!r.success) throw new Error(`--reason ${r.error.issues[0]?.message ?? 'is not acceptable'}`);
  return r.data;
}

export function registerPause(program: Command, kit: CommandKit): void {
  program
    .command('pause')
    .description(
      "Pause an account's automated outreach (check-ins, surveys, reminders, greetings) until `resume`; owner alerts and digests go on",
    )
    .argument('<accountId>', 'the account id')
    .option('--reason <text>', 'why (required; shown in `accounts`, `account` and the owner digest)')
    .option('--json', 'print JSON for machines')
    .action(
      kit.action(async (accountId: string, opts: { reason?: string; json?: boolean }) => {
        const reason = checkedReason(opts.reason);
        const { store, now } = kit.context();
        const { account, outcome } = await pauseOutreach(
          { accounts: store },
          { accountId, reason, source: 'cli' },
          now(),
        );
        if (opts.json) {
          printJson({ accountId, outcome, pause: account.pause });
          return 0;
        }
        const since = account.pause?.since.slice(0, 10);
        writeOut(
          outcome === 'paused'
            ? `Paused outreach to ${account.name} (${accountId}): ${reason}.\nNo check-ins, surveys, reminders or greetings go out until \`account-health resume ${accountId}\`; you still get its alerts and digest rows.\n`
            : outcome === 'reason-changed'
              ? `Outreach to ${account.name} (${accountId}) stays paused (since ${since}); the reason is now: ${reason}.\n`
              : `Outreach to ${account.name} (${accountId}) was already paused since ${since} for that reason; nothing changed.\n`,
        );
        return 0;
      }),
    );

  program
    .command('resume')
    .description(
      "Resume an account's automated outreach after `pause`; it is due at once if its time has passed",
    )
    .argument('<accountId>', 'the account id')
    .option('--json', 'print JSON for machines')
    .action(
      kit.action(async (accountId: string, opts: { json?: boolean }) => {
        const { store, now } = kit.context();
        const at = now();
        const { account, outcome, pause } = await resumeOutreach(
          { accounts: store },
          { accountId, source: 'cli' },
          at,
        );
        if (opts.json) {
          printJson({ accountId, outcome, endedPause: pause, nextDueAt: account.nextDueAt });
          return 0;
        }
        writeOut(
          outcome === 'resumed'
            ? `Resumed outreach to ${account.name} (${accountId}), paused since ${pause?.since.slice(0, 10)}. Next due: ${dueCell(account.nextDueAt, at)}.\n`
            : `Outreach to ${account.name} (${accountId}) is not paused; nothing changed.\n`,
        );
        return 0;
      }),
    );
}
