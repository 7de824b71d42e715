import type { Command } from 'commander';
import { DeadLetterStore } from '../../adapters/dynamodb/dead-letter.entity.ts';
import { parseIsoDateOrInstant } from '../../core/time.ts';
import { printJson, writeOut } from '../format.ts';
import type { CommandKit } from '../program.ts';

interface DeadLettersOptions {
  since?: string;
  json?: boolean;
}

export function registerDeadLetters(program: Command, kit: CommandKit): void {
  program
    .command('dead-letters')
    .description('List inbound CRM events that were refused, with the reason (kept 90 days)')
    .option('--since <ISO>', 'only events received at or after this date or time (default: the last 90 days)')
    .option('--json', 'print a JSON array for machines (with each raw event as JSON text)')
    .action(
      kit.action(async (opts: DeadLettersOptions) => {
        const since = opts.since === undefined ? undefined : parseIsoDateOrInstant(opts.since);
        if (opts.since !== undefined && !since)
          throw new Error(
            `--since ${opts.since} is not an ISO date or time (e.g. 2026-11-01 or 2026-11-01T09:00:00Z)`,
          );
        const { db, runtime, now } = kit.context();
        const letters = await new DeadLetterStore(db, runtime.tableName).list({ now: now(), since });
        if (opts.json) {
          printJson(letters);
          return 0;
        }
        if (letters.length === 0) {
          writeOut('No refused events.\n');
          return 0;
        }
        const blocks = letters.map((l) => {
          const about = [
            `event ${l.eventId}`,
            l.accountId ? `account ${l.accountId}` : '',
            l.source ? `source ${l.source}` : '',
          ]
            .filter(Boolean)
            .join(', ');
          return `${l.receivedAt.replace('T', ' ').slice(0, 19)}  ${l.detailType || '(no detail-type)'}  (${about})\n  ${l.reason}`;
        });
        writeOut(
          `${blocks.join('\n')}\n\n${letters.length} refused event${letters.length === 1 ? '' : 's'}; --json shows each raw event.\n`,
        );
        return 0;
      }),
    );
}
