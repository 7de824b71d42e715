import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import { monthDayIn, nextMonthDay, nextQuarterAnniversary } from '../../functions/core/digest/calendar.ts';
import { isDigestTime, ownerTimeZone, periodOf } from '../../functions/core/digest/schedule.ts';
import { nextOccurrence } from '../../functions/core/touches/touch-dates.ts';

const settings = parseSettings({});

describe('digest calendar', () => {
  it('names periods by ISO week, day and month', () => {
    expect(periodOf('2026-11-23', 'weekly')).toEqual({
      id: '2026-W48',
      start: '2026-11-23',
      end: '2026-11-30',
    });
    expect(periodOf('2027-01-01', 'weekly').id).toBe('2026-W53');
    expect(periodOf('2026-11-23', 'daily').id).toBe('2026-11-23');
    expect(periodOf('2026-11-23', 'monthly')).toEqual({
      id: '2026-11',
      start: '2026-11-01',
      end: '2026-12-01',
    });
  });

  it('moves a 29 February birthday to 28 February outside leap years', () => {
    expect(monthDayIn(2027, '02-29')).toBe('2027-02-28');
    expect(monthDayIn(2028, '02-29')).toBe('2028-02-29');
    expect(nextMonthDay('02-29', '2027-01-10')).toBe('2027-02-28');
  });

  it('finds quarter anniversaries clamped to month ends, and first anniversaries a year on', () => {
    expect(nextQuarterAnniversary('2023-08-31', '2026-11-01')).toBe('2026-11-30');
    expect(nextQuarterAnniversary('2026-11-20', '2026-11-20')).toBe('2027-02-20');
    expect(nextOccurrence('anniversary', '2026-11-20', '2026-11-20')).toBe('2027-11-20');
    expect(nextOccurrence('anniversary', '2024-02-29', '2025-01-01')).toBe('2025-02-28');
  });

  it('sends from the configured weekday and time in the owner zone, catching up later in the week on business days', () => {
    const zone = 'America/New_York';
    expect(isDigestTime(new Date('2026-11-23T12:59:00Z'), zone, settings)).toBe(false); // 07:59 Monday
    expect(isDigestTime(new Date('2026-11-23T13:00:00Z'), zone, settings)).toBe(true); // 08:00 Monday
    expect(isDigestTime(new Date('2026-11-24T15:00:00Z'), zone, settings)).toBe(true); // 10:00 Tuesday
    // Issue #14: catching up never happens after hours or at the weekend (a fresh install on a Saturday).
    expect(isDigestTime(new Date('2026-11-25T03:00:00Z'), zone, settings)).toBe(false); // 22:00 Tuesday
    expect(isDigestTime(new Date('2026-11-29T01:00:00Z'), zone, settings)).toBe(false); // 20:00 Saturday
  });

  it("takes the zone most of an owner's accounts use", () => {
    const zones = [{ timeZone: 'Europe/Lisbon' }, { timeZone: 'Europe/Lisbon' }, { timeZone: undefined }];
    expect(ownerTimeZone(zones, settings)).toBe('Europe/Lisbon');
    expect(ownerTimeZone([], settings)).toBe('UTC');
  });
});
