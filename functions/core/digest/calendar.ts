import { MONTHS } from '../email/phrasing.ts';
import { zonedParts } from '../time.ts';

/**
 * Calendar dates (YYYY-MM-DD, no time, no zone) for digests and personal touches: periods,
 * birthdays, anniversaries. Pure; the zone is applied once, when `now` is turned into a local date.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const ymd = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

function toUtc(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}
function fromUtc(d: Date): string {
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The date the zone's calendar shows at an instant. */
export function localDate(now: Date, timeZone: string): string {
  const p = zonedParts(now, timeZone);
  return ymd(p.year, p.month, p.day);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** ISO weekday of a date, 1 = Monday. */
export function weekdayOf(date: string): number {
  const d = toUtc(date).getUTCDay();
  return d === 0 ? 7 : d;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isLeap = (year: number) => daysInMonth(year, 2) === 29;

/** The date of a month-day (MM-DD) in a year; 29 February falls on 28 February outside leap years. */
export function monthDayIn(year: number, monthDay: string): string {
  const month = Number(monthDay.slice(0, 2));
  const day = Number(monthDay.slice(3, 5));
  if (month === 2 && day === 29 && !isLeap(year)) return ymd(year, 2, 28);
  return ymd(year, month, day);
}

/** The first date on or after `from` that falls on the month-day. */
export function nextMonthDay(monthDay: string, from: string): string {
  const year = Number(from.slice(0, 4));
  const thisYear = monthDayIn(year, monthDay);
  return thisYear >= from ? thisYear : monthDayIn(year + 1, monthDay);
}

/** The date `months` calendar months after `date`, clamped to the end of a shorter month. */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return ymd(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * The first quarter anniversary (3, 6, 9 ... months after `since`, clamped to month ends) on or
 * after `from`. The day of `since` itself never counts: nobody reviews a quarter that has not run.
 */
export function nextQuarterAnniversary(since: string, from: string): string {
  const months =
    (Number(from.slice(0, 4)) - Number(since.slice(0, 4))) * 12 +
    Number(from.slice(5, 7)) -
    Number(since.slice(5, 7));
  let k = Math.max(1, Math.floor(months / 3) - 1);
  for (;;) {
    const candidate = addMonths(since.slice(0, 10), k * 3);
    if (candidate >= from) return candidate;
    k++;
  }
}

/** Whole years from a customer-since date to an anniversary date. */
export function yearsBetween(since: string, on: string): number {
  return Number(on.slice(0, 4)) - Number(since.slice(0, 4));
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Monday 23 November". */
export function longDate(date: string): string {
  return `${WEEKDAYS[weekdayOf(date) - 1]} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
}

/** "23 Nov". */
export function shortDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${(MONTHS[Number(date.slice(5, 7)) - 1] ?? '').slice(0, 3)}`;
}

export const weekdayName = (isoWeekday: number) => WEEKDAYS[isoWeekday - 1] ?? '';
