import type { Command } from 'commander';
import { AccountNotFoundError } from '../../adapters/dynamodb/account-store.ts';
import { SurveyStore } from '../../adapters/dynamodb/survey-store.ts';
import { csatOf, formatNps, npsOf } from '../../core/survey/nps.ts';
import type { SurveyResponse } from '../../core/survey/survey.ts';
import { parseIsoDateOrInstant } from '../../core/time.ts';
import { printJson, table, writeOut } from '../format.ts';
import type { CommandKit } from '../program.ts';

interface ResponsesOptions {
  account?: string;
  since?: string;
  json?: boolean;
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
};

function scoreCell(r: SurveyResponse): string {
  return `${r.score}/${r.kind === 'nps' ? 10 : 5}`;
}

/** The lines under the table: NPS and CSAT over what was listed. */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The lines under the table: NPS and CSAT over what was listed. */
export function summaryLines(responses: SurveyResponse[]): string[] {
  const lines: string[] = [];
  const nps = npsOf(responses);
  if (nps.responses > 0)
    lines.push(
      `NPS overall: ${formatNps(nps.score)} (${count(nps.responses, 'answer')}: ` +
        `${count(nps.promoters, 'promoter')}, ${count(nps.passives, 'passive')}, ${count(nps.detractors, 'detractor')})`,
    );
  else lines.push('NPS overall: n/a (no NPS answers)');
  const csat = csatOf(responses);
  if (csat.responses > 0)
    lines.push(
      `CSAT: ${csat.average?.toFixed(2)} average, ${csat.satisfiedPct}% satisfied (${count(csat.responses, 'answer')})`,
    );
  return lines;
}

export function registerResponses(program: Command, kit: CommandKit): void {
  program
    .command('responses')
    .description(
      'List survey answers (account, contact, kind, score, comment, answered at) with NPS and CSAT',
    )
    .option('--account <id>', "only this account's answers")
    .option('--since <ISO>', 'only answers given at or after this date or time')
    .option('--json', 'print a JSON array for machines')
    .action(
      kit.action(async (opts: ResponsesOptions) => {
        const since = opts.since === undefined ? undefined : parseIsoDateOrInstant(opts.since);
        if (opts.since !== undefined && !since)
          throw new Error(
            `--since ${opts.since} is not an ISO date or time (e.g. 2026-11-01 or 2026-11-01T09:00:00Z)`,
          );
        const { db, runtime, store } = kit.context();
        const surveys = new SurveyStore(db, runtime.tableName);
        // An id nobody holds is an error, as for `account <id>`: not an empty list that looks like "no answers".
        if (opts.account && !(await store.getAccount(opts.account, false)))
          throw new AccountNotFoundError(opts.account);
        let responses = opts.account
          ? await surveys.listResponsesByAccount(opts.account)
          : await surveys.listResponsesSince(since);
        if (since) responses = responses.filter((r) => Date.parse(r.answeredAt) >= since.getTime());
        if (opts.json) {
          printJson(responses);
          return 0;
        }
        if (responses.length === 0) {
          writeOut(
            opts.account
              ? `No survey answers from ${opts.account}${since ? ' in that time' : ' yet'}.\n`
              : since
                ? 'No survey answers in that time.\n'
                : 'No survey answers yet.\n',
          );
          return 0;
        }
        const ids = [...new Set(responses.map((r) => r.accountId))];
        const names = new Map(
          await Promise.all(
            ids.map(async (id) => [id, (await store.getAccount(id, false))?.name ?? id] as const),
          ),
        );
        const rows = responses.map((r) => [
          `${names.get(r.accountId) ?? r.accountId} (${r.accountId})`,
          r.contactName ? `${r.contactName} <${r.contactEmail}>` : r.contactEmail,
          r.kind.toUpperCase(),
          scoreCell(r),
          r.comment ? oneLine(r.comment, 60) : '',
          r.answeredAt.replace('T', ' ').slice(0, 16),
        ]);
        writeOut(
          `${table(['Account', 'Contact', 'Kind', 'Score', 'Comment', 'Answered at (UTC)'], rows)}\n\n`,
        );
        writeOut(`${summaryLines(responses).join('\n')}\n`);
        return 0;
      }),
    );
}
