import { Duration, TimeZone } from 'aws-cdk-lib';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { ConfigError, timeZoneSchema } from '../functions/config/settings.ts';

const RATE = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;

/**
 * Turns a jobs-table schedule (`cron(...)` with six fields, or `rate(...)`) into an EventBridge
 * Scheduler expression, failing synth with the job's name when it is malformed. Cron expressions
 * fire in `timeZone` (daylight saving included); rate expressions have no wall-clock anchor, so the
 * time zone does not apply to them.
 */
export function scheduleExpressionOf(job: string, expression: string, timeZone: string): ScheduleExpression {
  const fail = (why: string) =>
    new ConfigError(`Job "${job}": schedule ${JSON.stringify(expression)} ${why}`);
  if (!timeZoneSchema.safeParse(timeZone).success)
    throw new ConfigError(`Job "${job}": ${JSON.stringify(timeZone)} is not an IANA time zone`);

  const rate = RATE.exec(expression.trim());
  if (rate) {
    const amount = Number(rate[1]);
    const unit = rate[2] ?? '';
    if (amount < 1) throw fail('needs a rate of at least 1');
    if ((amount === 1) !== !unit.endsWith('s'))
      throw fail('must read "1 minute" or "N minutes" (singular for 1)');
    const duration = unit.startsWith('minute')
      ? Duration.minutes(amount)
      : unit.startsWith('hour')
        ? Duration.hours(amount)
        : Duration.days(amount);
    return ScheduleExpression.rate(duration);
  }

  const cron = CRON.exec(expression.trim());
  if (!cron) throw fail('must be cron(minutes hours day-of-month month day-of-week year) or rate(N unit)');
  const fields = (cron[1] ?? '').trim().split(/\s+/);
  if (fields.length !== 6) throw fail(`has ${fields.length} cron fields; EventBridge Scheduler needs 6`);
  const [minute, hour, day, month, weekDay, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((day === '?') === (weekDay === '?'))
    throw fail('must have "?" in exactly one of day-of-month and day-of-week');
  return ScheduleExpression.cron({
    minute,
    hour,
    month,
    year,
    ...(day === '?' ? { weekDay } : { day }),
    timeZone: TimeZone.of(timeZone),
  });
}
