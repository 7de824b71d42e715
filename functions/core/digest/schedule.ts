import type { Settings } from '../../config/settings.ts';
import { type Account, accountTimeZone } from '../account.ts';
import { zonedParts } from '../time.ts';
import { addDays, addMonths, localDate, weekdayOf, ymd } from './calendar.ts';

export type DigestCadence = Settings['digest']['cadence'];

/** One digest period: its id (the ledger's cycle) and its local dates [start, end). */
export interface DigestPeriod {
  /** `2026-W48` (ISO week), `2026-11-23` (day) or `2026-11` (month). */
  id: string;
  start: string;
  /** The first date of the next period. */
  end: string;
}

/** The ISO week-year and week number of a date. */
function isoWeek(date: string): { year: number; week: number } {
  // The Thursday of the date's week decides its ISO year.
  const thursday = addDays(date, 4 - weekdayOf(date));
  const year = Number(thursday.slice(0, 4));
  const jan1 = ymd(year, 1, 1);
  const dayOfYear = Math.round((Date.parse(thursday) - Date.parse(jan1)) / 86_400_000);
  return { year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** The period a local date belongs to. */
export function periodOf(date: string, cadence: DigestCadence): DigestPeriod {
  if (cadence === 'daily') return { id: date, start: date, end: addDays(date, 1) };
  if (cadence === 'monthly') {
    const start = `${date.slice(0, 7)}-01`;
    return { id: date.slice(0, 7), start, end: addMonths(start, 1) };
  }
  const start = addDays(date, 1 - weekdayOf(date));
  const { year, week } = isoWeek(date);
  return { id: `${year}-W${String(week).padStart(2, '0')}`, start, end: addDays(start, 7) };
}

/** The period before one. */
export function previousPeriod(period: DigestPeriod, cadence: DigestCadence): DigestPeriod {
  return periodOf(addDays(period.start, -1), cadence);
}

/**
 * The owner's time zone: the one most of the owner's accounts use (an account without one counts
 * as `defaultTimeZone`); a tie goes to the zone that sorts first, so the choice is stable.
 */
export function ownerTimeZone(accounts: Pick<Account, 'timeZone'>[], settings: Settings): string {
  const counts = new Map<string, number>();
  for (const a of accounts) {
    const zone = accountTimeZone(a, settings);
    counts.set(zone, (counts.get(zone) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of [...counts].sort((a, b) => a[0].localeCompare(b[0])))
    if (!best || entry[1] > best[1]) best = entry;
  return best?.[0] ?? settings.defaultTimeZone;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether the digest of the period containing `now` may go out: from the configured day and local
 * time on, and later in the period to catch up a tick that failed (or a fresh install), but only on
 * a business day before its end (`businessHours`): never at 20:00 on a Saturday.
 */
export function isDigestTime(now: Date, timeZone: string, settings: Settings): boolean {
  const { cadence, weekday, localTime } = settings.digest;
  const p = zonedParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  const afterTime = minute >= minutesOf(localTime);
  const workday =
    settings.businessHours.days.includes(p.weekday) && minute < minutesOf(settings.businessHours.end);
  if (!workday) return false;
  if (cadence === 'daily') return afterTime;
  if (cadence === 'monthly') return p.day > 1 || afterTime;
  return p.weekday > weekday || (p.weekday === weekday && afterTime);
}

/** The local date and period of `now` in the owner's zone. */
export function digestPeriodAt(now: Date, timeZone: string, settings: Settings) {
  const today = localDate(now, timeZone);
  return { today, period: periodOf(today, settings.digest.cadence) };
}
