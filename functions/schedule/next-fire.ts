import { zonedParts } from '../core/time.ts';
import {
  assertTimeZone,
  type CronSchedule,
  type DayOfMonthRule,
  type DayOfWeekRule,
  type ParsedSchedule,
  parseScheduleExpression,
} from './expression.ts';

/**
 * When a schedule fires, in its time zone, as EventBridge Scheduler fires it: across DST a wall time
 * skipped in spring is not invoked at all and a wall time repeated in autumn is invoked only once
 * (cron-parser moves the spring one an hour later and fires hourly schedules twice in autumn).
 * Matching calendar days and resolving wall times with Intl is about as much code as translating
 * expressions and then correcting a library's results.
 */

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Weekday of a calendar date, 1 = Sunday ... 7 = Saturday (EventBridge numbering). */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function dayOfMonthMatches(rule: DayOfMonthRule, year: number, month: number, day: number): boolean {
  switch (rule.kind) {
    case 'any':
      return true;
    case 'days':
      return rule.days.has(day);
    case 'last':
      return day === daysInMonth(year, month);
    case 'nearestWeekday':
    case 'lastWeekday': {
      const last = daysInMonth(year, month);
      if (rule.kind === 'nearestWeekday' && rule.day > last) return false;
      let target = rule.kind === 'lastWeekday' ? last : rule.day;
      const wd = weekdayOf(year, month, target);
      if (wd === 7)
        target = target === 1 ? 3 : target - 1; // Saturday: Friday, or Monday the 3rd
      else if (wd === 1) target = target === last ? target - 2 : target + 1; // Sunday: Monday, or Friday
      return day === target;
    }
  }
}

function dayOfWeekMatches(rule: DayOfWeekRule, year: number, month: number, day: number): boolean {
  const wd = weekdayOf(year, month, day);
  switch (rule.kind) {
    case 'any':
      return true;
    case 'weekdays':
      return rule.weekdays.has(wd);
    case 'last':
      return wd === rule.weekday && day + 7 > daysInMonth(year, month);
    case 'nth':
      return wd === rule.weekday && Math.ceil(day / 7) === rule.nth;
  }
}

function sameWall(
  instant: Date,
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
) {
  const p = zonedParts(instant, timeZone);
  return (
    p.year === wall.year &&
    p.month === wall.month &&
    p.day === wall.day &&
    p.hour === wall.hour &&
    p.minute === wall.minute
  );
}

/**
 * The first instant at which the zone's clock shows the wall time, or undefined when a DST jump
 * skips it. A wall time shown twice (autumn) resolves to its first occurrence.
 */
export function wallTimeToInstant(
  wall: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  timeZone: string,
): Date | undefined {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  const offsets = new Set<number>();
  for (const probe of [naive - 86_400_000, naive, naive + 86_400_000]) {
    const p = zonedParts(new Date(probe), timeZone);
    offsets.add(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - probe);
  }
  const candidates = [...offsets]
    .map((offset) => new Date(naive - offset))
    .filter((instant) => sameWall(instant, wall, timeZone))
    .sort((a, b) => a.getTime() - b.getTime());
  return candidates[0];
}

function nextCronFire(s: CronSchedule, timeZone: string, after: Date): Date | undefined {
  const start = zonedParts(after, timeZone);
  const startMinute = start.hour * 60 + start.minute;
  let cursor = new Date(Date.UTC(start.year, start.month - 1, start.day));
  const lastYear = s.years ? Math.max(...s.years) : start.year + 8;
  while (cursor.getUTCFullYear() <= lastYear) {
    const year = cursor.getUTCFullYear();
    const month = cursor.getUTCMonth() + 1;
    const day = cursor.getUTCDate();
    if (
      (!s.years || s.years.has(year)) &&
      s.months.has(month) &&
      dayOfMonthMatches(s.dayOfMonth, year, month, day) &&
      dayOfWeekMatches(s.dayOfWeek, year, month, day)
    ) {
      const firstDay = cursor.getUTCFullYear() === start.year && month === start.month && day === start.day;
      for (const hour of s.hours) {
        for (const minute of s.minutes) {
          // Wall times well before `after` on its own date cannot follow it; DST moves clocks by at most 2 h.
          if (firstDay && hour * 60 + minute < startMinute - 120) continue;
          const at = wallTimeToInstant({ year, month, day, hour, minute }, timeZone);
          if (at && at.getTime() > after.getTime()) return at;
        }
      }
    }
    cursor = new Date(cursor.getTime() + 86_400_000);
  }
  return undefined;
}

export interface NextFireOptions {
  /** When a rate schedule started (its first fire); EventBridge starts one when it is created. */
  startedAt?: Date | undefined;
}

/**
 * The first time strictly after `after` at which the schedule fires, evaluated in `timeZone`;
 * undefined when it never fires again.
 */
export function nextFireTime(
  schedule: ParsedSchedule | string,
  timeZone: string,
  after: Date,
  opts: NextFireOptions = {},
): Date | undefined {
  const s = typeof schedule === 'string' ? parseScheduleExpression(schedule) : schedule;
  assertTimeZone(timeZone);
  if (s.kind === 'cron') return nextCronFire(s, timeZone, after);
  if (s.kind === 'at') {
    const at = wallTimeToInstant(s.wall, timeZone);
    return at && at.getTime() > after.getTime() ? at : undefined;
  }
  const anchor = (opts.startedAt ?? after).getTime();
  if (after.getTime() < anchor) return new Date(anchor);
  const periods = Math.floor((after.getTime() - anchor) / s.everyMs) + 1;
  return new Date(anchor + periods * s.everyMs);
}

/** The next `count` fire times after `after`. */
export function nextFireTimes(
  schedule: ParsedSchedule | string,
  timeZone: string,
  after: Date,
  count: number,
  opts: NextFireOptions = {},
): Date[] {
  const s = typeof schedule === 'string' ? parseScheduleExpression(schedule) : schedule;
  const out: Date[] = [];
  let cursor = after;
  while (out.length < count) {
    const next = nextFireTime(s, timeZone, cursor, opts);
    if (!next) break;
    out.push(next);
    cursor = next;
  }
  return out;
}
