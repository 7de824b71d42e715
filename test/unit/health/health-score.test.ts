import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import { isDetractor } from '../../../functions/core/domain/vocabulary.ts';
import {
  computeHealth,
  describeHealth,
  type HealthInput,
  localizeDates,
} from '../../../functions/core/health/health-score.ts';

const settings = parseSettings({});
const NOW = new Date('2026-11-22T10:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

describe('computeHealth', () => {
  it('scores a recently contacted promoter green, with the reasons why', () => {
    const h = computeHealth(
      {
        account: { tier: 'key', lastContactAt: daysAgo(5) },
        answers: [{ kind: 'nps', score: 10, answeredAt: daysAgo(5) }],
      },
      settings,
      NOW,
    );
    expect(h).toMatchObject({ score: 100, band: 'green' });
    expect(h.reasons.map((r) => localizeDates(r, 'UTC'))).toEqual([
      'no negative signals',
      'last contact 5 days ago, cadence 30 days',
      'promoter 10/10 on 17 Nov',
    ]);
    expect(h.latestSurvey).toEqual({ kind: 'nps', score: 10, answeredAt: daysAgo(5) });
  });

  it('scores a stale detractor red, detractor first, with the date and the cadence', () => {
    const h = computeHealth(
      {
        account: { tier: 'key', lastContactAt: daysAgo(40) },
        answers: [{ kind: 'nps', score: 3, answeredAt: '2026-11-12T09:00:00.000Z' }],
      },
      settings,
      NOW,
    );
    expect(h.band).toBe('red');
    expect(h.score).toBe(13);
    expect(describeHealth(h)).toBe(
      'red 13: detractor 3/10 on 12 Nov; no contact for 40 days, cadence 30 days',
    );
  });

  it('scores an account with no data at all without failing: no contact on record', () => {
    const h = computeHealth({ account: { tier: 'standard' } }, settings, NOW);
    expect(h.score).toBe(68);
    expect(h.band).toBe('yellow');
    expect(h.reasons).toEqual([
      'no contact on record, cadence 90 days (−33 points)',
      'no survey answers yet',
    ]);
    expect(h.latestSurvey).toBeUndefined();
  });

  it('counts open complaints only inside the signal window', () => {
    const base = { account: { tier: 'growth' as const, lastContactAt: daysAgo(1) } };
    const open = computeHealth({ ...base, signals: [{ kind: 'complaint', at: daysAgo(3) }] }, settings, NOW);
    const old = computeHealth({ ...base, signals: [{ kind: 'complaint', at: daysAgo(31) }] }, settings, NOW);
    expect(open.score).toBe(35);
    expect(open.band).toBe('red');
    expect(localizeDates(open.reasons[0] ?? '', 'UTC')).toBe('open complaint from 19 Nov (−65 points)');
    expect(old.score).toBe(100);
  });

  it('penalises a falling trend and a passive answer', () => {
    const h = computeHealth(
      {
        account: { tier: 'growth', lastContactAt: daysAgo(1) },
        answers: [
          { kind: 'nps', score: 10, answeredAt: daysAgo(100) },
          { kind: 'nps', score: 7, answeredAt: daysAgo(2) },
        ],
      },
      settings,
      NOW,
    );
    expect(h.score).toBe(64);
    expect(h.reasons.slice(0, 2).map((r) => localizeDates(r, 'UTC'))).toEqual([
      'passive 7/10 on 20 Nov (−26 points)',
      'NPS down from 10 to 7 (−10 points)',
    ]);
  });

  it('counts unanswered surveys and inherited cohort risk while it holds', () => {
    const account = {
      tier: 'key' as const,
      lastContactAt: daysAgo(1),
      risk: {
        since: daysAgo(1),
        reasons: [],
        until: daysAgo(-13),
        cohort: ['3 complaints on product Ledger in 14 days'],
      },
    };
    const h = computeHealth({ account, unansweredSurveys: 1 }, settings, NOW);
    expect(h).toMatchObject({ score: 60, band: 'yellow' });
    expect(h.reasons).toContain('cohort risk: 3 complaints on product Ledger in 14 days (−35 points)');
    expect(h.reasons).toContain('1 survey unanswered (−5 points)');
    const later = computeHealth({ account }, settings, new Date(NOW.getTime() + 20 * 86_400_000));
    expect(later.reasons.join()).not.toContain('cohort');
  });

  it('takes a detractor reported by a CRM as an answer, once', () => {
    const at = daysAgo(2);
    const h = computeHealth(
      {
        account: { tier: 'key', lastContactAt: daysAgo(2) },
        answers: [{ kind: 'csat', score: 1, answeredAt: at }],
        signals: [{ kind: 'detractor', at, score: 1, surveyKind: 'csat' }],
      },
      settings,
      NOW,
    );
    expect(h.reasons.filter((r) => r.startsWith('detractor')).map((r) => localizeDates(r, 'UTC'))).toEqual([
      'detractor 1/5 on 20 Nov (−65 points)',
    ]);
  });

  it('follows the configured weights and bands', () => {
    const strict = parseSettings({ health: { weights: { recency: 80 }, bands: { green: 90, yellow: 50 } } });
    const h = computeHealth({ account: { tier: 'key', lastContactAt: daysAgo(400) } }, strict, NOW);
    expect(h).toMatchObject({ score: 20, band: 'red' });
  });
});

describe('isDetractor', () => {
  it('uses NPS 0-6 and CSAT 1-2 by default', () => {
    expect([6, 7].map((s) => isDetractor('nps', s, settings.risk))).toEqual([true, false]);
    expect([2, 3].map((s) => isDetractor('csat', s, settings.risk))).toEqual([true, false]);
  });
});

describe('computeHealth, for any inputs', () => {
  const answer = fc.record({
    kind: fc.constantFrom('nps' as const, 'csat' as const),
    score: fc.nat(10),
    answeredAt: fc.integer({ min: 0, max: 400 }).map(daysAgo),
  });
  const input = fc.record({
    tier: fc.constantFrom('key' as const, 'growth' as const, 'standard' as const),
    contactDays: fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined }),
    answers: fc.array(answer, { maxLength: 4 }),
    complaints: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 3 }),
    unanswered: fc.nat(4),
  });
  const build = (
    i: {
      tier: 'key' | 'growth' | 'standard';
      contactDays?: number | undefined;
      answers: HealthInput['answers'];
    },
    complaints: number[],
    unanswered: number,
  ): HealthInput => ({
    account: {
      tier: i.tier,
      ...(i.contactDays === undefined ? {} : { lastContactAt: daysAgo(i.contactDays) }),
    },
    answers: (i.answers ?? []).map((a) => ({
      ...a,
      score: a.kind === 'csat' ? Math.max(1, Math.min(5, a.score)) : a.score,
    })),
    signals: complaints.map((d) => ({ kind: 'complaint' as const, at: daysAgo(d) })),
    unansweredSurveys: unanswered,
  });

  it('a complaint never raises the score, and a fresh one makes it red', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 29 }), (i, fresh) => {
        const before = computeHealth(build(i, i.complaints, i.unanswered), settings, NOW);
        const after = computeHealth(build(i, [...i.complaints, fresh], i.unanswered), settings, NOW);
        expect(after.score).toBeLessThanOrEqual(before.score);
        expect(after.band).toBe('red');
      }),
    );
  });

  it('more days of silence never raise the score', () => {
    fc.assert(
      fc.property(
        input,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        (i, days, more) => {
          const a = computeHealth(
            build({ ...i, contactDays: days }, i.complaints, i.unanswered),
            settings,
            NOW,
          );
          const b = computeHealth(
            build({ ...i, contactDays: days + more }, i.complaints, i.unanswered),
            settings,
            NOW,
          );
          expect(b.score).toBeLessThanOrEqual(a.score);
        },
      ),
    );
  });

  it('a latest answer that is a detractor makes the account red; more unanswered surveys never raise it', () => {
    fc.assert(
      fc.property(input, fc.nat(6), (i, score) => {
        const detractor = { kind: 'nps' as const, score, answeredAt: NOW.toISOString() };
        const h = computeHealth(
          build({ ...i, answers: [...i.answers, detractor] }, i.complaints, i.unanswered),
          settings,
          NOW,
        );
        expect(h.band).toBe('red');
        const more = computeHealth(build(i, i.complaints, i.unanswered + 1), settings, NOW);
        expect(more.score).toBeLessThanOrEqual(
          computeHealth(build(i, i.complaints, i.unanswered), settings, NOW).score,
        );
      }),
    );
  });
});
