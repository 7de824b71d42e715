import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import { demoTimeZoneWeights } from '../../functions/local/demo-book.ts';
import { firstBusyTick, scanCommand } from '../../functions/local/first-tick.ts';

const hours = parseSettings({}).businessHours;
const tick = (iso: string) => firstBusyTick(new Date(iso), demoTimeZoneWeights(), hours).toISOString();

describe('the scan line npm start prints', () => {
  it('is now on a weekday afternoon in Europe and the Americas', () => {
    expect(tick('2026-11-25T14:17:00.000Z')).toBe('2026-11-25T14:17:00.000Z');
  });

  it('waits for Monday morning in Europe from a weekend night, on the hour', () => {
    expect(tick('2026-11-28T22:30:00.000Z')).toBe('2026-11-30T08:00:00.000Z');
    expect(tick('2026-11-29T02:21:00.000Z')).toBe('2026-11-30T08:00:00.000Z');
  });

  it('is plain on the real clock when now will do, and names the time otherwise', () => {
    const now = new Date('2026-11-25T14:17:00.000Z');
    expect(scanCommand(now, now)).toBe('npx account-health run scan');
    expect(scanCommand(now, now, true)).toBe('npx account-health run scan --now 2026-11-25T14:17:00Z');
    expect(scanCommand(now, new Date('2026-11-30T08:00:00Z'))).toBe(
      'npx account-health run scan --now 2026-11-30T08:00:00Z',
    );
  });
});
