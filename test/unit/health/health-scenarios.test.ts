import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import type { Tier } from '../../../functions/core/domain/vocabulary.ts';
import {
  computeHealth,
  describeHealth,
  type HealthInput,
  type ScoredAnswer,
  type SignalFact,
} from '../../../functions/core/health/health-score.ts';

/** The scenario table of docs/health.md, checked row by row: the docs say what the code does. */
const NOW = new Date('2026-11-22T10:00:00.000Z');
const DAY = 86_400_000;
const settings = parseSettings({});

const doc = readFileSync(new URL('../../../docs/health.md', import.meta.url), 'utf8');
const table = doc.split('<!-- scenarios:start -->')[1]?.split('<!-- scenarios:end -->')[0] ?? '';
const rows = table
  .trim()
  .split('\n')
  .slice(2)
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim()),
  );

const none = (cell: string) => cell === '—' || cell === '';
const ago = (text: string): string => {
  const m = /^(\d+) days? ago$/.exec(text.trim());
  if (!m) throw new Error(`not "<n> days ago": ${text}`);
  return new Date(NOW.getTime() - Number(m[1]) * DAY).toISOString();
};
const answer = (text: string): ScoredAnswer => {
  const m = /^(NPS|CSAT) (\d+) \((.+)\)$/.exec(text.trim());
  if (!m) throw new Error(`not "NPS <n> (<when>)": ${text}`);
  return {
    kind: (m[1] as string).toLowerCase() as 'nps' | 'csat',
    score: Number(m[2]),
    answeredAt: ago(m[3] as string),
  };
};

function inputOf([, tier, lastContact, answers, complaints, also]: string[]): HealthInput {
  const signals: SignalFact[] = none(complaints as string)
    ? []
    : (complaints as string).split(';').map((c) => ({ kind: 'complaint', at: ago(c) }));
  const input: HealthInput = {
    account: {
      tier: tier as Tier,
      ...(lastContact === 'never' ? {} : { lastContactAt: ago(lastContact as string) }),
    },
    answers: none(answers as string) ? [] : (answers as string).split(';').map(answer),
    signals,
  };
  const extra = also as string;
  if (extra.startsWith('CRM detractor ')) {
    const a = answer(extra.slice('CRM detractor '.length));
    signals.push({ kind: 'detractor', at: a.answeredAt, score: a.score, surveyKind: a.kind });
  } else if (extra.startsWith('cohort risk: ')) {
    input.account.risk = {
      since: ago('1 day ago'),
      reasons: [],
      until: new Date(NOW.getTime() + 13 * DAY).toISOString(),
      cohort: [extra.slice('cohort risk: '.length)],
    };
  } else if (/^\d+ surveys? unanswered$/.test(extra)) {
    input.unansweredSurveys = Number.parseInt(extra, 10);
  } else if (!none(extra)) throw new Error(`unknown "also": ${extra}`);
  return input;
}

describe('docs/health.md scenarios', () => {
  it('has the rows the issue asks for', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const situations = rows.map((r) => r[0]);
    expect(situations).toEqual(
      expect.arrayContaining([
        'a key account nobody heard from in 412 days',
        'a 2/10 detractor',
        'an open complaint',
        'a key account in touch this month, no bad signal',
      ]),
    );
  });

  it.each(rows.map((r) => [r[0], r] as const))('%s', (_situation, row) => {
    const shows = (row[6] as string).replace(/^`|`$/g, '');
    expect(describeHealth(computeHealth(inputOf(row), settings, NOW))).toBe(shows);
  });
});
