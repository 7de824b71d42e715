import { zonedParts } from '../core/time.ts';
import { JOBS, type JobDefinition, type ScheduledInvocation, type ScheduleTrigger } from '../jobs.ts';
import { describeError, invokeJob } from './host.ts';

/**
 * The local stand-in for EventBridge Scheduler: evaluates the schedule expressions of the jobs table
 * in their time zones and invokes the jobs' handlers when they fire.
 *
 * The cron evaluator is written here rather than delegated to cron-parser because EventBridge
 * Scheduler's semantics differ from classic cron in ways that matter: fields are
 * `min hour day-of-month month day-of-week year`, day-of-week counts 1-7 from Sunday, exactly one of
 * the two day fields must be `?`, and across DST a wall time skipped in spring is not invoked at all
 * and a wall time repeated in autumn is invoked only once (cron-parser moves the spring one an hour
 * later and fires hourly schedules twice in autumn). Matching calendar days and resolving wall times
 * with Intl is about as much code as translating expressions and then correcting the library's results.
 */

export class ScheduleExpressionError extends Error {
  constructor(expression: string, problem: string) {
    super(`Invalid schedule expression "${expression}": ${problem}`);
    this.name = 'ScheduleExpressionError';
  }
}

type DayOfMonthRule =
  | { kind: 'any' }
  | { kind: 'days'; days: Set<number> }
  | { kind: 'last' }
  /** The weekday (Mon-Fri) nearest to `day`, within the month. */
  | { kind: 'nearestWeekday'; day: number }
  | { kind: 'lastWeekday' };

type DayOfWeekRule =
  | { kind: 'any' }
  /** Weekdays 1-7, 1 = Sunday (EventBridge numbering). */
  | { kind: 'weekdays'; weekdays: Set<number> }
  | { kind: 'last'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number };

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  minutes: number[];
  hours: number[];
  dayOfMonth: DayOfMonthRule;
  months: Set<number>;
  dayOfWeek: DayOfWeekRule;
  /** Undefined: every year. */
  years?: Set<number> | undefined;
}

export interface RateSchedule {
  kind: 'rate';
  expression: string;
  everyMs: number;
}

export interface AtSchedule {
  kind: 'at';
  expression: string;
  wall: { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

export type ParsedSchedule = CronSchedule | RateSchedule | AtSchedule;

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Ranges may wrap around (FRI-MON). */
  wraps?: boolean;
}

const FIELDS = {
  minute: { name: 'minutes', min: 0, max: 59 },
  hour: { name: 'hours', min: 0, max: 23 },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31 },
  month: { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  dayOfWeek: { name: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, wraps: true },
  year: { name: 'year', min: 1970, max: 2199 },
} satisfies Record<string, FieldSpec>;

function parseValue(text: string, spec: FieldSpec, fail: (p: string) => never): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + spec.min;
  if (!/^\d+$/.test(text)) fail(`"${text}" is not a valid ${spec.name} value`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) fail(`${spec.name} value ${n} is outside ${spec.min}-${spec.max}`);
  return n;
}

/** Parses a list of `*`, `a`, `a-b`, with optional `/step`, into the set of values it names. */
function parseList(text: string, spec: FieldSpec, fail: (p: string) => never): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') fail(`empty element in ${spec.name} "${text}"`);
    const [rangeText = '', stepText, extra] = part.split('/');
    if (extra !== undefined) fail(`"${part}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1)
        fail(`step "${stepText}" must be a positive number`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = spec.min;
      to = spec.max;
    } else if (rangeText.includes('-')) {
      const [a = '', b = '', more] = rangeText.split('-');
      if (more !== undefined) fail(`"${rangeText}" is not a range`);
      from = parseValue(a, spec, fail);
      to = parseValue(b, spec, fail);
      if (to < from) {
        if (!spec.wraps) fail(`range ${rangeText} runs backwards`);
        to += spec.max - spec.min + 1;
      }
    } else {
      from = parseValue(rangeText, spec, fail);
      // `a/step` runs from a to the end of the field, as in EventBridge's `0/15`.
      to = stepText !== undefined ? spec.max : from;
    }
    const size = spec.max - spec.min + 1;
    for (let v = from; v <= to; v += step) out.add(((v - spec.min) % size) + spec.min);
  }
  return out;
}

function parseDayOfMonth(text: string, fail: (p: string) => never): DayOfMonthRule {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') return { kind: 'lastWeekday' };
  const w = /^(\d+)W$/.exec(text);
  if (w) return { kind: 'nearestWeekday', day: parseValue(w[1] ?? '', FIELDS.dayOfMonth, fail) };
  if (/[LW]/.test(text)) fail(`day-of-month "${text}": L and W cannot be combined with other values`);
  return { kind: 'days', days: parseList(text, FIELDS.dayOfMonth, fail) };
}

function parseDayOfWeek(text: string, fail: (p: string) => never): DayOfWeekRule {
  if (text === '?') return { kind: 'any' };
  const nth = /^(\w+)#(\d+)$/.exec(text);
  if (nth) {
    const k = Number(nth[2]);
    if (k < 1 || k > 5) fail(`"${text}": the occurrence after # must be 1-5`);
    return { kind: 'nth', weekday: parseValue(nth[1] ?? '', FIELDS.dayOfWeek, fail), nth: k };
  }
  if (text === 'L') return { kind: 'last', weekday: 7 };
  const last = /^(\w+)L$/.exec(text);
  if (last && !DAY_NAMES.includes(text.toUpperCase()))
    return { kind: 'last', weekday: parseValue(last[1] ?? '', FIELDS.dayOfWeek, fail) };
  if (text.includes('#')) fail(`day-of-week "${text}": # cannot be combined with other values`);
  return { kind: 'weekdays', weekdays: parseList(text, FIELDS.dayOfWeek, fail) };
}

function parseCron(expression: string, body: string): CronSchedule {
  const fail = (problem: string): never => {
    throw new ScheduleExpressionError(expression, problem);
  };
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6)
    fail(`cron needs 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`);
  const [min = '', hour = '', dom = '', month = '', dow = '', year = ''] = fields;
  if ((dom === '?') === (dow === '?'))
    fail('exactly one of day-of-month and day-of-week must be "?" (EventBridge does not combine them)');
  for (const [text, spec] of [
    [min, FIELDS.minute],
    [hour, FIELDS.hour],
    [month, FIELDS.month],
    [year, FIELDS.year],
  ] as const) {
    if (text === '?') fail(`"?" is only allowed in day-of-month or day-of-week, not in ${spec.name}`);
  }
  return {
    kind: 'cron',
    expression,
    minutes: [...parseList(min, FIELDS.minute, fail)].sort((a, b) => a - b),
    hours: [...parseList(hour, FIELDS.hour, fail)].sort((a, b) => a - b),
    dayOfMonth: parseDayOfMonth(dom.toUpperCase(), fail),
    months: parseList(month, FIELDS.month, fail),
    dayOfWeek: parseDayOfWeek(dow.toUpperCase(), fail),
    years: year === '*' ? undefined : parseList(year, FIELDS.year, fail),
  };
}

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

function parseRate(expression: string, body: string): RateSchedule {
  const m = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/i.exec(body);
  if (!m) throw new ScheduleExpressionError(expression, 'expected rate(<number> minutes|hours|days)');
  const value = Number(m[1]);
  if (value < 1) throw new ScheduleExpressionError(expression, 'the rate must be at least 1');
  const unit = (m[2] ?? '').toLowerCase().replace(/s$/, '');
  return { kind: 'rate', expression, everyMs: value * (RATE_UNITS[unit] ?? 0) };
}

function parseAt(expression: string, body: string): AtSchedule {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\s*$/.exec(body);
  if (!m) throw new ScheduleExpressionError(expression, 'expected at(yyyy-mm-ddThh:mm:ss)');
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59)
    throw new ScheduleExpressionError(expression, 'not a real date and time');
  return { kind: 'at', expression, wall: { year, month, day, hour, minute, second } };
}

/** Parses an EventBridge Scheduler expression: `cron(...)`, `rate(...)` or `at(...)`. */
export function parseScheduleExpression(expression: string): ParsedSchedule {
  const m = /^\s*(cron|rate|at)\((.*)\)\s*$/.exec(expression);
  if (!m) throw new ScheduleExpressionError(expression, 'expected cron(...), rate(...) or at(...)');
  const body = m[2] ?? '';
  if (m[1] === 'cron') return parseCron(expression, body);
  if (m[1] === 'rate') return parseRate(expression, body);
  return parseAt(expression, body);
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`"${timeZone}" is not an IANA time zone`);
  }
}

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

export interface ScheduleEntry {
  job: string;
  expression: string;
  timeZone: string;
  /** The next planned fire time; undefined once the schedule will not fire again. */
  next: Date | undefined;
}

export interface SchedulerOptions {
  /** @default every job of the jobs table with a schedule trigger */
  jobs?: readonly JobDefinition[];
  /** @default invokes the job's handler in this process */
  invoke?: (job: JobDefinition, payload: ScheduledInvocation) => Promise<unknown>;
  /** @default console.log */
  log?: (line: string) => void;
  /** @default () => new Date() */
  now?: () => Date;
  /** How long stop() waits for runs in progress. @default 10_000 */
  stopGraceMs?: number;
}

export interface RunningScheduler {
  readonly entries: readonly ScheduleEntry[];
  /** Clears every timer and waits (up to the grace period) for runs in progress. */
  stop(): Promise<void>;
}

/** setTimeout's ceiling: longer waits are done in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Scheduled jobs of a jobs table, with their triggers validated (a bad expression fails start-up). */
export function scheduledJobs(jobs: readonly JobDefinition[]) {
  return jobs.flatMap((job) => {
    if (job.trigger.kind !== 'schedule') return [];
    const trigger: ScheduleTrigger = job.trigger;
    assertTimeZone(trigger.timeZone);
    return [{ job, trigger, schedule: parseScheduleExpression(trigger.expression) }];
  });
}

/**
 * Fires every schedule of the jobs table. Runs of one job never overlap: a fire that comes while
 * the previous run is still going is skipped and logged. A timer that wakes late (a sleeping
 * laptop) fires once for the time it missed, then continues from now: no burst of catch-up runs.
 */
export function startScheduler(opts: SchedulerOptions = {}): RunningScheduler {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((line: string) => console.log(line));
  const invoke =
    opts.invoke ?? ((job: JobDefinition, payload: ScheduledInvocation) => invokeJob(job, payload));
  const startedAt = now();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const entries: ScheduleEntry[] = [];
  for (const { job, trigger, schedule } of scheduledJobs(opts.jobs ?? JOBS)) {
    const entry: ScheduleEntry = {
      job: job.name,
      expression: trigger.expression,
      timeZone: trigger.timeZone,
      next: undefined,
    };
    entries.push(entry);

    const fire = (planned: Date) => {
      if (running.has(job.name)) {
        log(`schedule  ${job.name}  skipped ${planned.toISOString()}: the previous run is still going`);
        return;
      }
      const began = Date.now();
      log(`schedule  ${job.name}  run started (scheduled ${planned.toISOString()})`);
      const run = invoke(job, { job: job.name, scheduledTime: planned.toISOString() })
        .then(
          () => log(`schedule  ${job.name}  run finished in ${seconds(Date.now() - began)}`),
          (error: unknown) =>
            log(
              `schedule  ${job.name}  run FAILED after ${seconds(Date.now() - began)}: ${describeError(error)}`,
            ),
        )
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    };

    const arm = (after: Date) => {
      if (stopped) return;
      entry.next = nextFireTime(schedule, trigger.timeZone, after, { startedAt });
      const planned = entry.next;
      if (!planned) {
        log(`schedule  ${job.name}  will not fire again`);
        return;
      }
      const wait = () => {
        const delay = planned.getTime() - now().getTime();
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            if (stopped) return;
            if (now().getTime() < planned.getTime()) return wait();
            fire(planned);
            const current = now();
            arm(current.getTime() > planned.getTime() ? current : planned);
          },
          Math.min(Math.max(delay, 0), MAX_TIMER_MS),
        );
        timers.add(timer);
      };
      wait();
    };
    // A rate schedule fires when it starts, as EventBridge Scheduler does without a start date.
    arm(schedule.kind === 'rate' ? new Date(startedAt.getTime() - 1) : startedAt);
  }

  return {
    entries,
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (running.size === 0) return;
      const grace = opts.stopGraceMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(running.values()),
        new Promise((r) => {
          timer = setTimeout(r, grace);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
