import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import type { Account, Contact } from '../../functions/core/account.ts';
import {
  isWithinBusinessHours,
  nextBusinessWindowStart,
} from '../../functions/core/outreach/business-hours.ts';
import { type AddressFacts, planOutreach } from '../../functions/core/outreach/plan-outreach.ts';

const settings = parseSettings({});
// Wednesday 18 Nov 2026, 10:00 UTC.
const NOW = new Date('2026-11-18T10:00:00Z');

const account = (over: Partial<Account> = {}): Account => ({
  accountId: 'A-1',
  name: 'Acme',
  ownerEmail: 'owner@example.com',
  strategic: false,
  products: [],
  tier: 'key',
  tierReason: 'key: strategic account',
  nextDueAt: NOW.toISOString(),
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  version: 1,
  timeZone: 'Europe/London',
  ...over,
});
const contact = (email: string, primary = false): Contact => ({ accountId: 'A-1', email, primary });
const plan = (
  contacts: Contact[],
  addresses: AddressFacts[] = [],
  over: Partial<Account> = {},
  now = NOW,
  raw: unknown = {},
) =>
  planOutreach({
    account: account(over),
    contacts,
    addresses: new Map(addresses.map((a) => [a.email, a])),
    settings: parseSettings(raw),
    now,
  });

describe('planOutreach', () => {
  it('sends a key account a check-in to its primary contact', () => {
    const p = plan([contact('b@x.test'), contact('a@x.test', true)]);
    expect(p).toMatchObject({ type: 'send', kind: 'check-in', contact: { email: 'a@x.test' } });
  });

  it('sends the survey the tier policy names', () => {
    expect(plan([contact('a@x.test')], [], { tier: 'standard' })).toMatchObject({
      type: 'send',
      kind: 'survey',
      survey: 'csat',
    });
    expect(plan([contact('a@x.test')], [], { tier: 'growth' })).toMatchObject({
      kind: 'survey',
      survey: 'nps',
    });
  });

  it('skips opted-out and bounced contacts', () => {
    const p = plan(
      [contact('a@x.test', true), contact('b@x.test'), contact('c@x.test')],
      [
        { email: 'a@x.test', optedOutAt: '2026-01-01T00:00:00Z' },
        { email: 'b@x.test', suppressedAt: '2026-01-01T00:00:00Z' },
      ],
    );
    expect(p).toMatchObject({ type: 'send', contact: { email: 'c@x.test' } });
  });

  it('alerts the owner when nobody can be reached', () => {
    expect(plan([])).toEqual({ type: 'notify-owner', kind: 'owner-alert', reason: 'no contact on record' });
    expect(
      plan([contact('a@x.test')], [{ email: 'a@x.test', optedOutAt: '2026-01-01T00:00:00Z' }]),
    ).toMatchObject({
      kind: 'owner-alert',
      reason: 'every contact opted out or bounced',
    });
  });

  it('lets a colleague take the check-in when the primary contact heard from us recently', () => {
    const p = plan(
      [contact('a@x.test', true), contact('b@x.test')],
      [{ email: 'a@x.test', lastMessageAt: '2026-11-15T10:00:00Z' }],
    );
    expect(p).toMatchObject({ type: 'send', contact: { email: 'b@x.test' } });
  });

  it('waits until the fatigue budget clears when every contact was mailed recently', () => {
    const p = plan([contact('a@x.test')], [{ email: 'a@x.test', lastMessageAt: '2026-11-15T10:00:00Z' }]);
    expect(p).toEqual({ type: 'defer', until: new Date('2026-11-22T10:00:00Z'), reason: 'fatigue budget' });
  });

  it('holds a survey back for the survey budget even when the message budget allows it', () => {
    const p = plan(
      [contact('a@x.test')],
      [{ email: 'a@x.test', lastMessageAt: '2026-10-01T10:00:00Z', lastSurveyAt: '2026-10-01T10:00:00Z' }],
      {
        tier: 'growth',
      },
    );
    expect(p).toEqual({ type: 'defer', until: new Date('2026-12-30T10:00:00Z'), reason: 'fatigue budget' });
  });

  it("waits for the contact's business hours", () => {
    const p = plan([contact('a@x.test')], [], { timeZone: 'Asia/Tokyo' }); // 19:00 in Tokyo
    expect(p).toEqual({
      type: 'defer',
      until: new Date('2026-11-19T00:00:00Z'),
      reason: 'outside business hours',
    });
  });

  it('follows the configured policy for owner nudges and for tiers that get nothing', () => {
    const raw = { outreach: { growth: { action: 'owner-nudge' }, standard: { action: 'none' } } };
    expect(plan([contact('a@x.test')], [], { tier: 'growth' }, NOW, raw)).toMatchObject({
      type: 'notify-owner',
      kind: 'owner-nudge',
    });
    expect(plan([contact('a@x.test')], [], { tier: 'standard' }, NOW, raw)).toMatchObject({
      type: 'reschedule',
    });
  });
});

describe('business hours', () => {
  const hours = settings.businessHours;

  it('opens at the start and closes at the end of the day in the zone', () => {
    expect(isWithinBusinessHours(new Date('2026-11-18T14:00:00Z'), 'America/New_York', hours)).toBe(true); // 09:00
    expect(isWithinBusinessHours(new Date('2026-11-18T13:59:00Z'), 'America/New_York', hours)).toBe(false);
    expect(isWithinBusinessHours(new Date('2026-11-18T22:00:00Z'), 'America/New_York', hours)).toBe(false); // 17:00
  });

  it('skips the weekend to Monday morning', () => {
    const friday6pm = new Date('2026-11-20T17:00:00Z'); // Friday 18:00 in Berlin
    expect(nextBusinessWindowStart(friday6pm, 'Europe/Berlin', hours).toISOString()).toBe(
      '2026-11-23T08:00:00.000Z',
    );
  });

  it('finds the next morning across a DST change', () => {
    // Saturday 7 March 2026 in New York; Monday 9 March is already daylight time (UTC-4).
    expect(
      nextBusinessWindowStart(new Date('2026-03-07T15:00:00Z'), 'America/New_York', hours).toISOString(),
    ).toBe('2026-03-09T13:00:00.000Z');
  });

  it('reports a configuration with no open hour instead of looping', () => {
    expect(() => nextBusinessWindowStart(NOW, 'UTC', { start: '10:00', end: '09:00', days: [1] })).toThrow(
      /never open/,
    );
  });
});
