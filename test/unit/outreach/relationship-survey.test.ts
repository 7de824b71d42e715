import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSettings, type Settings } from '../../../functions/config/settings.ts';
import { type Account, type Contact, nextDueAt } from '../../../functions/core/account.ts';
import {
  type AddressFacts,
  CHECK_IN_THIS_WEEK,
  planOutreach,
} from '../../../functions/core/outreach/plan-outreach.ts';
import { relationshipSurveyDueAt } from '../../../functions/core/outreach/tier-policy.ts';
import { contact } from '../../support/builders.ts';
import { anAccount } from '../../support/fakes.ts';

/**
 * Issue #14, "Key accounts are asked too": a check-in tier's policy carries a relationship survey
 * (by default NPS every 90 days for key accounts), inside the same fatigue budget, never in the
 * same week as a check-in; over any 120 days every reachable key account is asked once.
 */
const DAY = 86_400_000;
const defaults = parseSettings({});
// Wednesday 18 Nov 2026, 10:00 UTC: inside business hours.
const NOW = new Date('2026-11-18T10:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const plan = (
  account: Account,
  contacts: Contact[],
  addresses: AddressFacts[] = [],
  settings: Settings = defaults,
  now = NOW,
) =>
  planOutreach({ account, contacts, addresses: new Map(addresses.map((a) => [a.email, a])), settings, now });

describe('the key tier policy: check-ins with a relationship survey', () => {
  it('documents its default: NPS every 90 days for key accounts, none for the survey tiers', () => {
    expect(defaults.outreach.key).toEqual({
      action: 'check-in',
      relationshipSurvey: { survey: 'nps', everyDays: 90 },
    });
  });

  it('sends a key account NPS once 90 days have passed since it was recorded, and a check-in before', () => {
    const ana = [contact('K1', 'ana@k1.test')];
    expect(plan(anAccount('K1', { createdAt: ago(89) }), ana)).toMatchObject({ kind: 'check-in' });
    expect(plan(anAccount('K1', { createdAt: ago(90) }), ana)).toMatchObject({
      type: 'send',
      kind: 'survey',
      survey: 'nps',
      contact: { email: 'ana@k1.test' },
    });
  });

  it('counts the 90 days from the last survey sent for the account', () => {
    const ana = [contact('K1', 'ana@k1.test')];
    const base = { createdAt: ago(400) };
    expect(plan(anAccount('K1', { ...base, lastSurveySentAt: ago(60) }), ana)).toMatchObject({
      kind: 'check-in',
    });
    expect(plan(anAccount('K1', { ...base, lastSurveySentAt: ago(91) }), ana)).toMatchObject({
      kind: 'survey',
    });
  });

  it('makes the account due at the survey time even while its owner keeps the contact clock fresh', () => {
    const account = anAccount('K1', {
      createdAt: ago(200),
      lastSurveySentAt: ago(95),
      lastContactAt: ago(2),
    });
    expect(nextDueAt(account, defaults, NOW).toISOString()).toBe(ago(5));
    expect(plan(account, [contact('K1', 'ana@k1.test')])).toMatchObject({ kind: 'survey' });
  });

  it('never surveys in the same week as a check-in: it waits until the week is over', () => {
    const account = anAccount('K1', {
      createdAt: ago(120),
      lastOutreachAt: ago(3),
      lastOutreachKind: 'check-in',
    });
    expect(plan(account, [contact('K1', 'ana@k1.test')])).toEqual({
      type: 'defer',
      until: new Date(NOW.getTime() + 4 * DAY),
      reason: CHECK_IN_THIS_WEEK,
    });
  });

  it('stays inside the fatigue budget: a contact surveyed by another account lets a colleague answer, else waits', () => {
    const account = anAccount('K1', {
      createdAt: ago(120),
      lastOutreachAt: ago(20),
      lastOutreachKind: 'check-in',
    });
    const surveyedLately = { email: 'ana@k1.test', lastSurveyAt: ago(30), lastMessageAt: ago(30) };
    expect(
      plan(
        account,
        [contact('K1', 'ana@k1.test'), contact('K1', 'bo@k1.test', { primary: false })],
        [surveyedLately],
      ),
    ).toMatchObject({ kind: 'survey', contact: { email: 'bo@k1.test' } });
    const waits = plan(account, [contact('K1', 'ana@k1.test')], [surveyedLately]);
    expect(waits).toMatchObject({ type: 'defer', reason: 'fatigue budget' });
    // ...until the earlier of the survey budget clearing and the next check-in (30 days after the last).
    expect(waits.type === 'defer' && waits.until.toISOString()).toBe(
      new Date(NOW.getTime() + 10 * DAY).toISOString(),
    );
  });

  it('sends the due check-in when nobody on the account takes surveys', () => {
    const account = anAccount('K1', {
      createdAt: ago(200),
      lastOutreachAt: ago(31),
      lastOutreachKind: 'check-in',
    });
    const optedOut = { email: 'ana@k1.test', surveyOptedOutAt: ago(100) };
    expect(plan(account, [contact('K1', 'ana@k1.test')], [optedOut])).toMatchObject({ kind: 'check-in' });
  });

  it('is switched off by a key policy without relationshipSurvey', () => {
    const settings = parseSettings({ outreach: { key: { action: 'check-in' } } });
    const account = anAccount('K1', { createdAt: ago(400) });
    expect(relationshipSurveyDueAt(account, settings)).toBeUndefined();
    expect(plan(account, [contact('K1', 'ana@k1.test')], [], settings)).toMatchObject({ kind: 'check-in' });
  });

  it('takes another kind and cadence from the settings', () => {
    const settings = parseSettings({
      outreach: { key: { action: 'check-in', relationshipSurvey: { survey: 'csat', everyDays: 45 } } },
    });
    const account = anAccount('K1', { createdAt: ago(46) });
    expect(plan(account, [contact('K1', 'ana@k1.test')], [], settings)).toMatchObject({ survey: 'csat' });
  });

  it('refuses a cadence under two weeks with the setting named', () => {
    expect(() =>
      parseSettings({ outreach: { key: { action: 'check-in', relationshipSurvey: { everyDays: 3 } } } }),
    ).toThrow(/outreach\.key\.relationshipSurvey\.everyDays/);
  });
});

/**
 * A tick loop over the real planning and due-time code: every hour, each due account gets what
 * `planOutreach` says, and the simulation applies it the way the send path does (the account's
 * outreach clock, the recipient's fatigue budget, the deferral). Owners log contacts at random.
 */
interface SimAccount {
  account: Account;
  contacts: Contact[];
  surveys: number[];
  checkIns: number[];
}

function simulate(
  accounts: SimAccount[],
  addresses: Map<string, AddressFacts>,
  ownerTouches: Map<string, number[]>,
  from: number,
  days: number,
) {
  const HOUR = 3_600_000;
  for (let t = from; t <= from + days * DAY; t += HOUR) {
    const now = new Date(t);
    for (const sim of accounts) {
      for (const at of ownerTouches.get(sim.account.accountId) ?? [])
        if (at > t - HOUR && at <= t)
          sim.account = refresh({ ...sim.account, lastContactAt: now.toISOString() }, now);
      if (Date.parse(sim.account.nextDueAt) > t) continue;
      const p = planOutreach({
        account: sim.account,
        contacts: sim.contacts,
        addresses,
        settings: defaults,
        now,
      });
      if (p.type === 'send') {
        const at = now.toISOString();
        const facts = addresses.get(p.contact.email) ?? { email: p.contact.email };
        addresses.set(p.contact.email, {
          ...facts,
          lastMessageAt: at,
          ...(p.kind === 'survey' ? { lastSurveyAt: at } : {}),
        });
        (p.kind === 'survey' ? sim.surveys : sim.checkIns).push(t);
        sim.account = refresh(
          {
            ...sim.account,
            lastOutreachAt: at,
            lastOutreachKind: p.kind,
            deferredUntil: undefined,
            ...(p.kind === 'survey' ? { lastSurveySentAt: at } : {}),
          },
          now,
        );
      } else if (p.type === 'defer') {
        sim.account = refresh({ ...sim.account, deferredUntil: p.until.toISOString() }, now);
      } else {
        throw new Error(`unexpected plan for a reachable key account: ${JSON.stringify(p)}`);
      }
    }
  }
}

const refresh = (account: Account, now: Date): Account => ({
  ...account,
  nextDueAt: nextDueAt(account, defaults, now).toISOString(),
});

const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];

describe('over any 120 days every reachable key account is asked once (property)', () => {
  it('holds for random key accounts, contacts, zones, owner contacts and start dates', () => {
    const SIM_DAYS = 400;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            startOffsetHours: fc.integer({ min: 0, max: 60 * 24 }),
            zone: fc.constantFrom(...ZONES),
            contacts: fc.integer({ min: 1, max: 3 }),
            // Contacts who opted out of surveys; at least one contact still takes them.
            surveyOptOuts: fc.integer({ min: 0, max: 2 }),
            ownerTouchDays: fc.array(fc.integer({ min: 0, max: SIM_DAYS }), { maxLength: 12 }),
            lastContactDaysBefore: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: 0, max: 365 * 24 }),
        (specs, simStartHours) => {
          const simStart = Date.parse('2026-01-05T00:00:00.000Z') + simStartHours * 3_600_000;
          const addresses = new Map<string, AddressFacts>();
          const touches = new Map<string, number[]>();
          const sims: SimAccount[] = specs.map((spec, i) => {
            const id = `K${i}`;
            const created = new Date(simStart + spec.startOffsetHours * 3_600_000);
            const contacts = Array.from({ length: spec.contacts }, (_, c) =>
              contact(id, `c${c}@${id.toLowerCase()}.test`, { primary: c === 0 }),
            );
            for (const c of contacts.slice(0, Math.min(spec.surveyOptOuts, spec.contacts - 1)))
              addresses.set(c.email, { email: c.email, surveyOptedOutAt: created.toISOString() });
            touches.set(
              id,
              spec.ownerTouchDays.map((d) => created.getTime() + d * DAY),
            );
            const account = refresh(
              anAccount(id, {
                timeZone: spec.zone,
                createdAt: created.toISOString(),
                lastContactAt:
                  spec.lastContactDaysBefore === undefined
                    ? undefined
                    : new Date(created.getTime() - spec.lastContactDaysBefore * DAY).toISOString(),
              }),
              created,
            );
            return { account, contacts, surveys: [], checkIns: [] };
          });
          simulate(sims, addresses, touches, simStart, SIM_DAYS + 60);
          for (const sim of sims) {
            const created = Date.parse(sim.account.createdAt);
            const end = created + SIM_DAYS * DAY;
            // Every 120-day window from the account's start to the end holds a survey.
            const marks = [created, ...sim.surveys.filter((s) => s <= end), end];
            for (let k = 1; k < marks.length; k++)
              expect((marks[k] as number) - (marks[k - 1] as number)).toBeLessThanOrEqual(120 * DAY);
            // Never a survey in the same week as a check-in.
            for (const s of sim.surveys)
              for (const c of sim.checkIns) expect(Math.abs(s - c)).toBeGreaterThanOrEqual(7 * DAY);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
