import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import { deriveAccount, nextDueAt } from '../../functions/core/account.ts';
import {
  addCadence,
  isMonthDay,
  parseIsoDateOrInstant,
  zonedParts,
  zonedTimeToInstant,
} from '../../functions/core/time.ts';

const settings = parseSettings({});

describe('time zones', () => {
  it('reads the wall clock of an instant in a zone', () => {
    const p = zonedParts(new Date('2026-07-01T12:00:00Z'), 'America/New_York');
    expect([p.year, p.month, p.day, p.hour, p.weekday]).toEqual([2026, 7, 1, 8, 3]);
  });

  it('finds the instant of a wall time on both sides of a DST change', () => {
    expect(
      zonedTimeToInstant({ year: 2026, month: 3, day: 7, hour: 9 }, 'America/New_York').toISOString(),
    ).toBe('2026-03-07T14:00:00.000Z');
    expect(
      zonedTimeToInstant({ year: 2026, month: 3, day: 9, hour: 9 }, 'America/New_York').toISOString(),
    ).toBe('2026-03-09T13:00:00.000Z');
  });

  it('moves a wall time that falls into a spring-forward gap past the gap', () => {
    const t = zonedTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    expect(zonedParts(t, 'America/New_York').hour).toBe(3);
  });

  it('handles zones with half-hour offsets', () => {
    expect(zonedTimeToInstant({ year: 2026, month: 1, day: 15, hour: 9 }, 'Asia/Kolkata').toISOString()).toBe(
      '2026-01-15T03:30:00.000Z',
    );
  });
});

describe('cadence', () => {
  it('keeps the local time of day across a DST change when adding days', () => {
    const start = new Date('2026-03-01T14:00:00Z'); // 09:00 in New York (EST)
    const due = addCadence(start, { days: 30 }, 'America/New_York');
    expect(due.toISOString()).toBe('2026-03-31T13:00:00.000Z'); // 09:00 EDT
  });

  it('lands on 29 February in a leap year when adding days', () => {
    expect(addCadence(new Date('2028-01-30T10:00:00Z'), { days: 30 }, 'UTC').toISOString()).toBe(
      '2028-02-29T10:00:00.000Z',
    );
  });

  it('clamps month cadences to the end of a shorter month, leap years included', () => {
    expect(addCadence(new Date('2028-01-31T10:00:00Z'), { months: 1 }, 'UTC').toISOString()).toBe(
      '2028-02-29T10:00:00.000Z',
    );
    expect(addCadence(new Date('2027-01-31T10:00:00Z'), { months: 1 }, 'UTC').toISOString()).toBe(
      '2027-02-28T10:00:00.000Z',
    );
    expect(addCadence(new Date('2028-02-29T10:00:00Z'), { months: 12 }, 'UTC').toISOString()).toBe(
      '2029-02-28T10:00:00.000Z',
    );
  });

  it('counts calendar days in the account zone, not in UTC', () => {
    // 23:30 on 31 Jan in Tokyo is 14:30 UTC; a month later it is 23:30 on 28 Feb in Tokyo.
    const due = addCadence(new Date('2027-01-31T14:30:00Z'), { months: 1 }, 'Asia/Tokyo');
    expect(zonedParts(due, 'Asia/Tokyo')).toMatchObject({ month: 2, day: 28, hour: 23, minute: 30 });
  });

  it('makes an account with no contact on record due at once', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(nextDueAt({ tier: 'key', lastContactAt: undefined, timeZone: undefined }, settings, now)).toEqual(
      now,
    );
  });

  it('uses the cadence of the account tier', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const last = '2026-11-01T10:00:00.000Z';
    expect(
      nextDueAt({ tier: 'key', lastContactAt: last, timeZone: 'UTC' }, settings, now).toISOString(),
    ).toBe('2026-12-01T10:00:00.000Z');
    expect(
      nextDueAt({ tier: 'standard', lastContactAt: last, timeZone: 'UTC' }, settings, now).toISOString(),
    ).toBe('2027-01-30T10:00:00.000Z');
  });
});

describe('deriveAccount', () => {
  const profile = {
    accountId: 'A-1',
    name: 'Acme',
    ownerEmail: 'owner@example.com',
    strategic: false,
    products: ['Widgets'],
    annualRevenue: 300_000,
  };

  it('keeps a newer last contact the tool already knew over an older imported one', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const first = deriveAccount(profile, undefined, settings, now, '2026-10-01T00:00:00.000Z');
    const logged = { ...first, lastContactAt: '2026-11-20T00:00:00.000Z', lastContactKind: 'note' as const };
    const again = deriveAccount(profile, logged, settings, now, '2026-10-01T00:00:00.000Z');
    expect(again.lastContactAt).toBe('2026-11-20T00:00:00.000Z');
    expect(again.lastContactKind).toBe('note');
    expect(again.version).toBe(first.version + 1);
    expect(again.createdAt).toBe(first.createdAt);
  });

  it('takes an imported last contact that is newer than the one on record', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const first = deriveAccount(profile, undefined, settings, now, '2026-10-01T00:00:00.000Z');
    const again = deriveAccount(profile, first, settings, now, '2026-11-15T00:00:00.000Z');
    expect(again.lastContactAt).toBe('2026-11-15T00:00:00.000Z');
    expect(again.lastContactKind).toBe('import');
    expect(again.nextDueAt).toBe('2026-12-15T00:00:00.000Z');
  });
});

describe('parsing dates', () => {
  it('accepts calendar dates and instants, and refuses impossible days', () => {
    expect(parseIsoDateOrInstant('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseIsoDateOrInstant('2027-02-29')).toBeUndefined();
    expect(parseIsoDateOrInstant('2026-11-20T15:30:00+01:00')?.toISOString()).toBe(
      '2026-11-20T14:30:00.000Z',
    );
    expect(parseIsoDateOrInstant('2026-02-30T10:00:00Z')).toBeUndefined();
    expect(parseIsoDateOrInstant('20/11/2026')).toBeUndefined();
    expect(parseIsoDateOrInstant('2026-11-20T15:30')).toBeUndefined();
  });

  it('accepts 29 February as a birthday', () => {
    expect(isMonthDay('02-29')).toBe(true);
    expect(isMonthDay('02-30')).toBe(false);
    expect(isMonthDay('13-01')).toBe(false);
  });
});

describe('fall-back overlap', () => {
  it('takes the first of two instants showing the same wall time', () => {
    const t = zonedTimeToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York');
    expect(t.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('cached zone offsets', () => {
  it('agree with Intl on every quarter hour around the DST changes of several zones', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/St_Johns',
    ];
    const days = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01'];
    for (const zone of zones) {
      const intl = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
      for (const day of days) {
        for (let q = -8; q < 104; q++) {
          const t = new Date(Date.parse(`${day}T00:00:00Z`) + q * 900_000 + 7 * 60_000);
          const parts = Object.fromEntries(intl.formatToParts(t).map((p) => [p.type, p.value]));
          const p = zonedParts(t, zone);
          expect([p.year, p.month, p.day, p.hour, p.minute]).toEqual(
            [parts.year, parts.month, parts.day, parts.hour, parts.minute].map(Number),
          );
        }
      }
    }
  });
});
