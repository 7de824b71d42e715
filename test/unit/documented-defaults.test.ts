import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dueShardOf } from '../../functions/adapters/dynamodb/keys.ts';
import { StoreLinkMinter } from '../../functions/adapters/link-minter.ts';
import { parseSettings } from '../../functions/config/settings.ts';
import { accountTimeZone, nextDueAt } from '../../functions/core/account.ts';
import { isDigestTime } from '../../functions/core/digest/schedule.ts';
import { classifyAnswer, type Tier } from '../../functions/core/domain/vocabulary.ts';
import { computeHealth } from '../../functions/core/health/health-score.ts';
import { isWithinBusinessHours } from '../../functions/core/outreach/business-hours.ts';
import { fatigueClearsAt, planOutreach, reminderDays } from '../../functions/core/outreach/plan-outreach.ts';
import { decideTier } from '../../functions/core/tiering.ts';
import { contact } from '../support/builders.ts';
import { anAccount } from '../support/fakes.ts';

/**
 * Issue #14: "add a test that each documented default changes behaviour as documented". Every
 * setting in the settings tables of README ("Configuration"), docs/health.md ("Settings") and
 * docs/digests.md ("Configuration") must have an entry here: its default as the code has it (so
 * the docs and the code agree) and, where a pure function shows it, the behaviour it documents.
 * A setting added to a table without an entry fails the test.
 */
const defaults = parseSettings({});
const DAY = 86_400_000;
// Wednesday 18 Nov 2026, 10:00 UTC.
const NOW = new Date('2026-11-18T10:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const at = (iso: string) => new Date(iso);

const valueAt = (path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], defaults);

const plan = (tier: Tier, over: Parameters<typeof anAccount>[1] = {}) =>
  planOutreach({
    account: anAccount('A1', { tier, ...over }),
    contacts: [contact('A1', 'ana@a1.test')],
    addresses: new Map(),
    settings: defaults,
    now: NOW,
  });
const dueAfterContact = (tier: Tier) =>
  (nextDueAt(
    anAccount('A1', { tier, lastContactAt: NOW.toISOString(), createdAt: NOW.toISOString() }),
    defaults,
    NOW,
  ).getTime() -
    NOW.getTime()) /
  DAY;

/** setting path → its default, and what that default does. */
const DOCUMENTED: Record<string, { value: unknown; behaves?: () => void }> = {
  'tiering.rules': {
    value: valueAt('tiering.rules'),
    behaves: () => {
      const tier = (f: Parameters<typeof decideTier>[0]) => decideTier(f, defaults.tiering).tier;
      expect(tier({ strategic: true })).toBe('key');
      expect(tier({ strategic: false, annualRevenue: 250_000 })).toBe('key');
      expect(tier({ strategic: false, annualRevenue: 100_000, marginPct: 40 })).toBe('key');
      expect(tier({ strategic: false, annualRevenue: 100_000, marginPct: 39 })).toBe('growth');
      expect(tier({ strategic: false, annualRevenue: 50_000 })).toBe('growth');
      expect(tier({ strategic: false, employees: 200 })).toBe('growth');
    },
  },
  'tiering.defaultTier': {
    value: 'standard',
    behaves: () =>
      expect(decideTier({ strategic: false, annualRevenue: 49_999 }, defaults.tiering).tier).toBe('standard'),
  },
  'cadence.key': { value: { days: 30 }, behaves: () => expect(dueAfterContact('key')).toBe(30) },
  'cadence.growth': { value: { days: 60 }, behaves: () => expect(dueAfterContact('growth')).toBe(60) },
  'cadence.standard': { value: { days: 90 }, behaves: () => expect(dueAfterContact('standard')).toBe(90) },
  'outreach.key': {
    value: { action: 'check-in', relationshipSurvey: { survey: 'nps', everyDays: 90 } },
    behaves: () => expect(plan('key', { createdAt: ago(10) })).toMatchObject({ kind: 'check-in' }),
  },
  'outreach.key.relationshipSurvey': {
    value: { survey: 'nps', everyDays: 90 },
    behaves: () => {
      expect(plan('key', { createdAt: ago(89) })).toMatchObject({ kind: 'check-in' });
      expect(plan('key', { createdAt: ago(90) })).toMatchObject({ kind: 'survey', survey: 'nps' });
    },
  },
  'outreach.growth': {
    value: { action: 'survey', survey: 'nps' },
    behaves: () => expect(plan('growth')).toMatchObject({ kind: 'survey', survey: 'nps' }),
  },
  'outreach.standard': {
    value: { action: 'survey', survey: 'csat' },
    behaves: () => expect(plan('standard')).toMatchObject({ kind: 'survey', survey: 'csat' }),
  },
  'fatigue.minDaysBetweenMessages': {
    value: 7,
    behaves: () =>
      expect(
        fatigueClearsAt({ email: 'a', lastMessageAt: ago(0) }, false, defaults.fatigue).toISOString(),
      ).toBe(new Date(NOW.getTime() + 7 * DAY).toISOString()),
  },
  'fatigue.minDaysBetweenSurveys': {
    value: 90,
    behaves: () =>
      expect(
        fatigueClearsAt({ email: 'a', lastSurveyAt: ago(0) }, true, defaults.fatigue).toISOString(),
      ).toBe(new Date(NOW.getTime() + 90 * DAY).toISOString()),
  },
  'surveys.expiryDays': { value: 30 }, // behaviour: checkedExpiry below (async)
  'surveys.reminderAfterDays': { value: 7, behaves: () => expect(reminderDays(defaults)).toBe(7) },
  'surveys.maxRevisions': { value: 5 },
  businessHours: {
    value: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    behaves: () => {
      const open = (iso: string) => isWithinBusinessHours(at(iso), 'UTC', defaults.businessHours);
      expect(open('2026-11-16T08:59:00Z')).toBe(false);
      expect(open('2026-11-16T09:00:00Z')).toBe(true);
      expect(open('2026-11-20T16:59:00Z')).toBe(true);
      expect(open('2026-11-20T17:00:00Z')).toBe(false);
      expect(open('2026-11-21T10:00:00Z')).toBe(false); // Saturday
    },
  },
  defaultTimeZone: { value: 'UTC', behaves: () => expect(accountTimeZone({}, defaults)).toBe('UTC') },
  'sending.maxPerSecond': { value: 10 },
  'sending.claimLeaseMinutes': { value: 15 },
  dueShards: {
    value: 16,
    behaves: () => {
      const shards = new Set(
        Array.from({ length: 2000 }, (_, i) => dueShardOf(`acct-${i}`, defaults.dueShards)),
      );
      expect([...shards].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    },
  },
  'health.weights.recency': { value: 65 },
  'health.weights.latestSurvey': {
    value: 65,
    behaves: () => {
      const h = computeHealth(
        {
          account: { tier: 'key', lastContactAt: ago(1) },
          answers: [{ kind: 'nps', score: 2, answeredAt: ago(1) }],
        },
        defaults,
        NOW,
      );
      expect(h.score).toBe(35);
    },
  },
  'health.weights.trend': { value: 10 },
  'health.weights.complaints': { value: 65 },
  'health.weights.unansweredSurveys': { value: 10 },
  'health.weights.cohortRisk': { value: 35 },
  'health.bands.green': {
    value: 70,
    behaves: () =>
      expect(computeHealth({ account: { tier: 'key', lastContactAt: ago(1) } }, defaults, NOW).band).toBe(
        'green',
      ),
  },
  'health.bands.yellow': {
    value: 40,
    behaves: () => {
      const h = computeHealth(
        {
          account: { tier: 'key', lastContactAt: ago(1) },
          answers: [{ kind: 'nps', score: 2, answeredAt: ago(1) }],
        },
        defaults,
        NOW,
      );
      expect(h.band).toBe('red'); // 35 is under 40
    },
  },
  'risk.npsDetractorMax': {
    value: 6,
    behaves: () => {
      expect(classifyAnswer('nps', 6, defaults.risk)).toBe('detractor');
      expect(classifyAnswer('nps', 7, defaults.risk)).toBe('passive');
    },
  },
  'risk.csatDetractorMax': {
    value: 2,
    behaves: () => {
      expect(classifyAnswer('csat', 2, defaults.risk)).toBe('detractor');
      expect(classifyAnswer('csat', 3, defaults.risk)).toBe('passive');
    },
  },
  'risk.signalWindowDays': { value: 30 },
  'risk.escalateAfterHours': { value: 24 },
  'risk.defaultManagerEmail': { value: undefined },
  'risk.actionLinkDays': { value: 30 },
  'cohort.minSignals': { value: 3 },
  'cohort.windowDays': { value: 14 },
  'cohort.dimensions': { value: ['product', 'segment'] },
  'digest.cadence': {
    value: 'weekly',
    behaves: () => {
      // Weekly on Monday from 08:00 (digest.weekday, digest.localTime): not on Tuesday's first tick
      // when Monday's went out, and not before 08:00 on Monday.
      expect(isDigestTime(at('2026-11-16T08:00:00Z'), 'UTC', defaults)).toBe(true);
      expect(isDigestTime(at('2026-11-16T07:59:00Z'), 'UTC', defaults)).toBe(false);
    },
  },
  'digest.weekday': {
    value: 1,
    behaves: () => expect(isDigestTime(at('2026-11-15T10:00:00Z'), 'UTC', defaults)).toBe(false), // Sunday
  },
  'digest.localTime': {
    value: '08:00',
    behaves: () => expect(isDigestTime(at('2026-11-16T08:00:00Z'), 'UTC', defaults)).toBe(true),
  },
  'digest.sendWhenEmpty': { value: false },
  'touches.anniversaries': { value: true },
  'touches.birthdays': { value: true },
  'touches.quarterlyReviews': { value: true },
};

/** The setting paths named in the first column of a doc's settings table (rows pointing elsewhere aside). */
function documentedSettings(file: string, heading: RegExp): string[] {
  const text = readFileSync(file, 'utf8');
  const start = text.search(heading);
  expect(start, `${file} has its settings section`).toBeGreaterThanOrEqual(0);
  const rows = text
    .slice(start)
    .split('\n')
    .filter((l) => l.startsWith('| `'));
  const tableEnd = text
    .slice(start)
    .split('\n')
    .findIndex((l, i, all) => i > 0 && all[i - 1]?.startsWith('|') && !l.startsWith('|'));
  const table = text.slice(start).split('\n').slice(0, tableEnd);
  const paths: string[] = [];
  for (const row of rows.filter((r) => table.includes(r))) {
    const [cell = '', documented = '', meaning = ''] = row.split(' | ');
    // A row that points to another document's table (checked with that document).
    if (/^see /.test(documented) || /^see /.test(meaning)) continue;
    const names = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    let base = '';
    for (const name of names) {
      if (name.startsWith('.')) paths.push(`${base}${name}`);
      else {
        paths.push(name);
        base = name.slice(0, name.lastIndexOf('.'));
      }
    }
  }
  return paths;
}

const DOCS: Array<[string, RegExp]> = [
  ['README.md', /^## Configuration$/m],
  ['docs/health.md', /^## Settings$/m],
  ['docs/digests.md', /^## Configuration$/m],
];

describe('every documented default', () => {
  it.each(DOCS)('%s: each setting of its table is checked here', (file, heading) => {
    const paths = documentedSettings(file, heading);
    expect(paths.length).toBeGreaterThan(3);
    expect(paths.filter((p) => !(p in DOCUMENTED))).toEqual([]);
  });

  it.each(Object.entries(DOCUMENTED))('%s: the code has the documented default', (path, { value }) => {
    expect(valueAt(path)).toEqual(value);
  });

  it.each(Object.entries(DOCUMENTED).filter(([, d]) => d.behaves))(
    '%s: the default does what the docs say',
    (_path, { behaves }) => behaves?.(),
  );

  it('surveys.expiryDays: a survey link minted now stops working 30 days later', async () => {
    let expiresAt: Date | undefined;
    const minter = new StoreLinkMinter(
      {
        issueSurvey: async (input) => {
          expiresAt = input.expiresAt;
          return { token: 't' };
        },
      },
      'https://links.test',
      defaults,
      { issue: async () => 'https://links.test/a/unused' },
    );
    await minter.surveyUrl({
      surveyId: 's',
      account: anAccount('A1'),
      contact: contact('A1', 'ana@a1.test'),
      kind: 'nps',
      now: NOW,
    });
    expect(expiresAt?.toISOString()).toBe(new Date(NOW.getTime() + 30 * DAY).toISOString());
  });
});
