import type { Settings } from '../../config/settings.ts';
import { zonedParts, zonedTimeToInstant } from '../time.ts';

type Hours = Settings['businessHours'];

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when `now` falls inside the business hours of the zone (start inclusive, end exclusive). */
export function isWithinBusinessHours(now: Date, timeZone: string, hours: Hours): boolean {
  const p = zonedParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  return hours.days.includes(p.weekday) && minute >= minutesOf(hours.start) && minute < minutesOf(hours.end);
}

/** `now` when inside business hours, else the start of the next business window in the zone. */
export function nextBusinessWindowStart(now: Date, timeZone: string, hours: Hours): Date {
  if (isWithinBusinessHours(now, timeZone, hours)) return now;
  const start = minutesOf(hours.start);
  const today = zonedParts(now, timeZone);
  for (let offset = 0; offset <= 8; offset++) {
    // Walk calendar days in the zone; noon UTC of that date avoids any DST edge when stepping.
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset, 12));
    const candidate = zonedTimeToInstant(
      {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour: Math.floor(start / 60),
        minute: start % 60,
      },
      timeZone,
    );
    if (candidate.getTime() > now.getTime() && isWithinBusinessHours(candidate, timeZone, hours))
      return candidate;
  }
  throw new Error('business hours never open: check businessHours.days, start and end in the configuration');
}
