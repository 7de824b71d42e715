import { Duration, TimeZone } from 'aws-cdk-lib';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { ConfigError } from '../functions/config/settings.ts';
import {
  type ParsedSchedule,
  parseScheduleExpression,
  ScheduleExpressionError,
} from '../functions/schedule/expression.ts';
import { isTimeZone } from '../functions/shared/time-zone.ts';

/**
 * Turns a jobs-table schedule (`cron(...)` with six fields, or `rate(...)`) into an EventBridge
 * Scheduler expression, failing synth with the job's name when it is malformed. The grammar is the
 * one the local scheduler runs (functions/schedule/). Cron expressions fire in `timeZone` (daylight
 * saving included); rate expressions have no wall-clock anchor, so the time zone does not apply.
 */
export function scheduleExpressionOf(job: string, expression: string, timeZone: string): ScheduleExpression {
  const fail = (why: string) =>
    new ConfigError(`Job "${job}": schedule ${JSON.stringify(expression)} ${why}`);
  if (!isTimeZone(timeZone))
    throw new ConfigError(`Job "${job}": ${JSON.stringify(timeZone)} is not an IANA time zone`);

  let schedule: ParsedSchedule;
  try {
    schedule = parseScheduleExpression(expression.trim());
  } catch (error) {
    if (!(error instanceof ScheduleExpressionError)) throw error;
    if (!/^(cron|rate)\(/.test(expression.trim()))
      throw fail('must be cron(minutes hours day-of-month month day-of-week year) or rate(N unit)');
    throw fail(`is invalid: ${error.problem}`);
  }

  if (schedule.kind === 'rate') {
    const durationOf = { minute: Duration.minutes, hour: Duration.hours, day: Duration.days }[schedule.unit];
    return ScheduleExpression.rate(durationOf(schedule.value));
  }
  if (schedule.kind === 'at')
    throw fail('must be cron(minutes hours day-of-month month day-of-week year) or rate(N unit)');
  const { minute, hour, dayOfMonth, month, dayOfWeek, year } = schedule.fields;
  return ScheduleExpression.cron({
    minute,
    hour,
    month,
    year,
    ...(dayOfMonth === '?' ? { weekDay: dayOfWeek } : { day: dayOfMonth }),
    timeZone: TimeZone.of(timeZone),
  });
}
