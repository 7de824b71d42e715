import { isTimeZone } from '../shared/time-zone.ts';

/**
 * The EventBridge Scheduler schedule-expression language: `cron(...)`, `rate(...)` and `at(...)`,
 * parsed and validated once, for the CDK stack (synth-time validation) and for the local timer loop.
 *
 * The parser is written here rather than delegated to cron-parser because EventBridge Scheduler's
 * semantics differ from classic cron in ways that matter: fields are
 * `min hour day-of-month month day-of-week year`, day-of-week counts 1-7 from Sunday, exactly one of
 * the two day fields must be `?`, and a rate of 1 takes a singular unit (`rate(1 hour)`).
 */

export class ScheduleExpressionError extends Error {
  constructor(
    expression: string,
    /** What is wrong, without the expression. */
    readonly problem: string,
  ) {
    super(`Invalid schedule expression "${expression}": ${problem}`);
    this.name = 'ScheduleExpressionError';
  }
}

export type DayOfMonthRule =
  | { kind: 'any' }
  | { kind: 'days'; days: Set<number> }
  | { kind: 'last' }
  /** The weekday (Mon-Fri) nearest to `day`, within the month. */
  | { kind: 'nearestWeekday'; day: number }
  | { kind: 'lastWeekday' };

export type DayOfWeekRule =
  | { kind: 'any' }
  /** Weekdays 1-7, 1 = Sunday (EventBridge numbering). */
  | { kind: 'weekdays'; weekdays: Set<number> }
  | { kind: 'last'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number };

/** The six cron fields as written, for handing on to CloudFormation unchanged. */
export interface CronFields {
  minute: string;
  hour: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  year: string;
}

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  fields: CronFields;
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
  value: number;
  unit: RateUnit;
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
    fields: { minute: min, hour, dayOfMonth: dom, month, dayOfWeek: dow, year },
    minutes: [...parseList(min, FIELDS.minute, fail)].sort((a, b) => a - b),
    hours: [...parseList(hour, FIELDS.hour, fail)].sort((a, b) => a - b),
    dayOfMonth: parseDayOfMonth(dom.toUpperCase(), fail),
    months: parseList(month, FIELDS.month, fail),
    dayOfWeek: parseDayOfWeek(dow.toUpperCase(), fail),
    years: year === '*' ? undefined : parseList(year, FIELDS.year, fail),
  };
}

export type RateUnit = 'minute' | 'hour' | 'day';

const RATE_UNITS: Record<RateUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

function parseRate(expression: string, body: string): RateSchedule {
  const m = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/i.exec(body);
  if (!m) throw new ScheduleExpressionError(expression, 'expected rate(<number> minutes|hours|days)');
  const value = Number(m[1]);
  if (value < 1) throw new ScheduleExpressionError(expression, 'the rate must be at least 1');
  const written = (m[2] ?? '').toLowerCase();
  if ((value === 1) !== !written.endsWith('s'))
    throw new ScheduleExpressionError(expression, 'must read "1 minute" or "N minutes" (singular for 1)');
  const unit = written.replace(/s$/, '') as RateUnit;
  return { kind: 'rate', expression, value, unit, everyMs: value * RATE_UNITS[unit] };
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
  if (!isTimeZone(timeZone)) throw new Error(`"${timeZone}" is not an IANA time zone`);
}
