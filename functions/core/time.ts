import type { Cadence } from '../config/settings.ts';

/**
 * Time-zone arithmetic on top of Intl. Hand-written rather than a date library because the
 * deployed bundles have a size budget (README, "Bundle size") and we need only these few operations.
 */

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall clock of an instant, read with Intl (the slow path; see `zoneOffsetMs`). */
function readWallClock(instant: Date, timeZone: string): ZonedParts {
  const out: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? ''] ?? 0,
  };
}

/**
 * Offsets change only on quarter-hour boundaries (every DST rule in use), so each zone's offset is
 * read with Intl once per quarter hour and cached: imports and ticks read thousands of instants.
 */
const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const bucket = Math.floor(instant.getTime() / QUARTER_HOUR);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const at = new Date(bucket * QUARTER_HOUR);
    const p = readWallClock(at, timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at.getTime();
    if (offsets.size >= 200_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall-clock reading of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const wall = new Date(Math.floor(instant.getTime() / 1000) * 1000 + zoneOffsetMs(instant, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: ((wall.getUTCDay() + 6) % 7) + 1,
  };
}

/**
 * The instant at which the zone's clock shows the given wall time. A wall time skipped by a DST
 * jump resolves to the same wall time shifted by the jump (02:30 in a spring gap becomes 03:30).
 */
export function zonedTimeToInstant(
  wall: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): Date {
  const naive = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour ?? 0,
    wall.minute ?? 0,
    wall.second ?? 0,
  );
  // The two offsets in force around the wall time give two candidates; keep the one whose clock
  // reads the wall time (the earlier in a fall-back overlap), or the later one inside a gap.
  const first = naive - zoneOffsetMs(new Date(naive), timeZone);
  const second = naive - zoneOffsetMs(new Date(first), timeZone);
  const candidates = [...new Set([first, second])].sort((a, b) => a - b);
  const reads = (t: number) => {
    const p = zonedParts(new Date(t), timeZone);
    return (
      Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) === Math.floor(naive / 1000) * 1000
    );
  };
  return new Date(candidates.find(reads) ?? Math.max(...candidates));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Adds a cadence to an instant in calendar terms of the zone: days keep the local wall time across
 * DST changes; months clamp to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
 */
export function addCadence(instant: Date, cadence: Cadence, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  let { year, month, day } = p;
  if ('days' in cadence) {
    const shifted = new Date(Date.UTC(year, month - 1, day + cadence.days));
    year = shifted.getUTCFullYear();
    month = shifted.getUTCMonth() + 1;
    day = shifted.getUTCDate();
  } else {
    const total = year * 12 + (month - 1) + cadence.months;
    year = Math.floor(total / 12);
    month = (total % 12) + 1;
    day = Math.min(day, daysInMonth(year, month));
  }
  return zonedTimeToInstant({ year, month, day, hour: p.hour, minute: p.minute, second: p.second }, timeZone);
}

/** Whole days from one instant to a later one (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}

/** A calendar date (YYYY-MM-DD) or a full ISO instant, parsed strictly; undefined when invalid. */
export function parseIsoDateOrInstant(value: string): Date | undefined {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [y, m, d] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
    return new Date(Date.UTC(y, m - 1, d));
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value))
    return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  // Date.parse rolls 2025-02-30 over to March; refuse it by checking the calendar date.
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return new Date(t);
}

/** True when `value` is MM-DD naming a real day of some year (02-29 allowed). */
export function isMonthDay(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2024, month);
}
