import { afterEach, describe, expect, it, vi } from 'vitest';
import { JOBS, type JobDefinition, type ScheduledInvocation } from '../../functions/jobs.ts';
import { scheduledJobs, startScheduler } from '../../functions/local/scheduler.ts';
import { parseScheduleExpression, ScheduleExpressionError } from '../../functions/schedule/expression.ts';
import { nextFireTime, nextFireTimes, wallTimeToInstant } from '../../functions/schedule/next-fire.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const fires = (expression: string, timeZone: string, after: string, count = 3) =>
  iso(nextFireTimes(expression, timeZone, new Date(after), count));

describe('parsing EventBridge Scheduler expressions', () => {
  it('accepts cron with names, steps, lists, L, W, # and a year', () => {
    for (const e of [
      'cron(0 9 ? * MON-FRI *)',
      'cron(0/15 * * * ? *)',
      'cron(0,30 8-17 ? * 2-6 *)',
      'cron(0 12 L * ? *)',
      'cron(0 9 15W * ? *)',
      'cron(0 10 ? * 6#3 *)',
      'cron(0 10 ? * FRIL *)',
      'cron(0 0 1 JAN ? 2027-2030)',
    ])
      expect(parseScheduleExpression(e).kind, e).toBe('cron');
  });

  it('accepts rate and at expressions', () => {
    expect(parseScheduleExpression('rate(5 minutes)')).toMatchObject({ kind: 'rate', everyMs: 300_000 });
    expect(parseScheduleExpression('rate(1 hour)')).toMatchObject({ kind: 'rate', everyMs: 3_600_000 });
    expect(parseScheduleExpression('rate(2 days)')).toMatchObject({ kind: 'rate', everyMs: 172_800_000 });
    expect(parseScheduleExpression('at(2026-12-01T09:00:00)').kind).toBe('at');
  });

  it.each([
    ['cron(0 9 1 * MON *)', 'exactly one of day-of-month and day-of-week'],
    ['cron(0 9 * * * *)', 'exactly one of day-of-month and day-of-week'],
    ['cron(0 9 ? * ? *)', 'exactly one of day-of-month and day-of-week'],
    ['cron(0 9 * * ?)', 'cron needs 6 fields'],
    ['cron(60 9 * * ? *)', 'minutes value 60 is outside 0-59'],
    ['cron(0 17-9 * * ? *)', 'range 17-9 runs backwards'],
    ['cron(? 9 * * ? *)', '"?" is only allowed'],
    ['cron(0 9 ? * 8 *)', 'day-of-week value 8 is outside 1-7'],
    ['cron(0 9 ? * MON#6 *)', 'must be 1-5'],
    ['cron(0 9 * FOO ? *)', '"FOO" is not a valid month value'],
    ['cron(0 9 * * ? 1969)', 'outside 1970-2199'],
    ['rate(0 minutes)', 'at least 1'],
    ['rate(5 weeks)', 'expected rate('],
    ['at(2026-02-30T09:00:00)', 'not a real date'],
    ['every day at nine', 'expected cron(...), rate(...) or at(...)'],
  ])('rejects %s with a message naming the problem', (expression, problem) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(problem);
  });
});

describe('next fire times', () => {
  it('counts day-of-week from Sunday = 1, as EventBridge does', () => {
    // 2026-11-22 is a Sunday; 2 is Monday.
    expect(fires('cron(0 9 ? * 2 *)', 'UTC', '2026-11-22T10:00:00Z', 2)).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-30T09:00:00.000Z',
    ]);
  });

  it('skips weekends for MON-FRI and wraps FRI-MON around the week', () => {
    expect(fires('cron(0 9 ? * MON-FRI *)', 'UTC', '2026-11-20T10:00:00Z', 2)).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-24T09:00:00.000Z',
    ]);
    expect(fires('cron(0 9 ? * FRI-MON *)', 'UTC', '2026-11-23T10:00:00Z', 4)).toEqual([
      '2026-11-27T09:00:00.000Z',
      '2026-11-28T09:00:00.000Z',
      '2026-11-29T09:00:00.000Z',
      '2026-11-30T09:00:00.000Z',
    ]);
  });

  it('evaluates the wall clock of the trigger time zone', () => {
    const after = '2026-01-15T00:00:00Z';
    expect(fires('cron(0 9 * * ? *)', 'UTC', after, 1)).toEqual(['2026-01-15T09:00:00.000Z']);
    expect(fires('cron(0 9 * * ? *)', 'America/New_York', after, 1)).toEqual(['2026-01-15T14:00:00.000Z']);
    // 09:00 in Tokyo is exactly `after`, and a fire time is strictly later: the next day.
    expect(fires('cron(0 9 * * ? *)', 'Asia/Tokyo', after, 1)).toEqual(['2026-01-16T00:00:00.000Z']);
    expect(fires('cron(0 9 * * ? *)', 'Asia/Kolkata', after, 1)).toEqual(['2026-01-15T03:30:00.000Z']);
  });

  it('keeps a daily run at the same local time across a DST change', () => {
    // Europe moves to summer time on 2026-03-29.
    expect(fires('cron(0 9 * * ? *)', 'Europe/Berlin', '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('skips a run whose wall time does not exist when clocks spring forward', () => {
    // New York skips 02:00-03:00 on 2026-03-08.
    expect(fires('cron(30 2 * * ? *)', 'America/New_York', '2026-03-07T12:00:00Z', 2)).toEqual([
      '2026-03-09T06:30:00.000Z',
      '2026-03-10T06:30:00.000Z',
    ]);
    expect(fires('cron(0 * * * ? *)', 'America/New_York', '2026-03-08T05:30:00Z', 2)).toEqual([
      '2026-03-08T06:00:00.000Z', // 01:00 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT: 02:00 never happened
    ]);
  });

  it('runs a repeated wall time only once when clocks fall back', () => {
    // New York repeats 01:00-02:00 on 2026-11-01.
    expect(fires('cron(30 1 * * ? *)', 'America/New_York', '2026-10-31T12:00:00Z', 2)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
    expect(fires('cron(0 * * * ? *)', 'America/New_York', '2026-11-01T04:30:00Z', 2)).toEqual([
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T07:00:00.000Z', // 02:00 EST; the second 01:00 is not run again
    ]);
  });

  it('handles a half-hour DST shift (Lord Howe Island)', () => {
    // 2026-04-05 02:00 LHDT falls back to 01:30 LHST: 01:30 and 01:45 are not repeated.
    expect(fires('cron(*/15 * * * ? *)', 'Australia/Lord_Howe', '2026-04-04T14:40:00Z', 3)).toEqual([
      '2026-04-04T14:45:00.000Z',
      '2026-04-04T15:30:00.000Z',
      '2026-04-04T15:45:00.000Z',
    ]);
  });

  it('understands L, W and # in the day fields', () => {
    expect(fires('cron(0 12 L * ? *)', 'UTC', '2028-01-31T13:00:00Z', 2)).toEqual([
      '2028-02-29T12:00:00.000Z',
      '2028-03-31T12:00:00.000Z',
    ]);
    // 2026-08-15 is a Saturday, 2026-02-15 a Sunday.
    expect(fires('cron(0 9 15W * ? *)', 'UTC', '2026-08-01T00:00:00Z', 1)).toEqual([
      '2026-08-14T09:00:00.000Z',
    ]);
    expect(fires('cron(0 9 15W * ? *)', 'UTC', '2026-02-01T00:00:00Z', 1)).toEqual([
      '2026-02-16T09:00:00.000Z',
    ]);
    // Third Friday of December 2026, last Monday of November 2026.
    expect(fires('cron(0 10 ? * 6#3 *)', 'UTC', '2026-11-22T00:00:00Z', 1)).toEqual([
      '2026-12-18T10:00:00.000Z',
    ]);
    expect(fires('cron(0 10 ? * 2L *)', 'UTC', '2026-11-22T00:00:00Z', 1)).toEqual([
      '2026-11-30T10:00:00.000Z',
    ]);
  });

  it('honours the year field and stops when no year is left', () => {
    expect(fires('cron(0 0 1 1 ? 2027)', 'UTC', '2026-06-01T00:00:00Z', 3)).toEqual([
      '2027-01-01T00:00:00.000Z',
    ]);
  });

  it('returns nothing for a date that never exists', () => {
    expect(nextFireTime('cron(0 9 31 2 ? *)', 'UTC', new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('fires strictly after the given instant', () => {
    expect(fires('cron(* * * * ? *)', 'UTC', '2026-01-01T10:00:00Z', 2)).toEqual([
      '2026-01-01T10:01:00.000Z',
      '2026-01-01T10:02:00.000Z',
    ]);
  });

  it('counts rate schedules from their start', () => {
    const startedAt = new Date('2026-01-01T10:00:00Z');
    expect(
      iso(nextFireTimes('rate(5 minutes)', 'UTC', new Date('2026-01-01T10:07:00Z'), 2, { startedAt })),
    ).toEqual(['2026-01-01T10:10:00.000Z', '2026-01-01T10:15:00.000Z']);
    expect(nextFireTime('rate(5 minutes)', 'UTC', new Date('2026-01-01T09:00:00Z'), { startedAt })).toEqual(
      startedAt,
    );
  });

  it('fires an at() schedule once, in its time zone', () => {
    expect(fires('at(2026-12-01T09:00:00)', 'Europe/Paris', '2026-11-22T10:00:00Z', 3)).toEqual([
      '2026-12-01T08:00:00.000Z',
    ]);
  });

  it('rejects an unknown time zone', () => {
    expect(() => nextFireTime('rate(1 hour)', 'Mars/Olympus_Mons', new Date())).toThrow(
      'not an IANA time zone',
    );
  });

  it('resolves wall times: undefined in a spring gap, the first occurrence in an autumn overlap', () => {
    expect(
      wallTimeToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York'),
    ).toBeUndefined();
    expect(
      wallTimeToInstant(
        { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
        'America/New_York',
      )?.toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('the jobs table', () => {
  it('holds only valid schedule expressions and time zones', () => {
    expect(() => scheduledJobs(JOBS)).not.toThrow();
  });
});

describe('the scheduler', () => {
  const job = (name: string, expression: string, timeZone = 'UTC'): JobDefinition => ({
    name,
    description: name,
    entry: 'unused.ts',
    trigger: { kind: 'schedule', expression, timeZone },
    needs: { table: 'read' },
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('invokes a cron job at its planned time with the scheduled payload', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T09:59:30Z') });
    const calls: ScheduledInvocation[] = [];
    const scheduler = startScheduler({
      jobs: [job('scan', 'cron(0 * * * ? *)')],
      invoke: async (_job, payload) => {
        calls.push(payload);
      },
      log: () => undefined,
    });
    expect(scheduler.entries[0]?.next?.toISOString()).toBe('2026-01-01T10:00:00.000Z');

    await vi.advanceTimersByTimeAsync(29_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toEqual([{ job: 'scan', scheduledTime: '2026-01-01T10:00:00.000Z' }]);
    expect(scheduler.entries[0]?.next?.toISOString()).toBe('2026-01-01T11:00:00.000Z');
    await scheduler.stop();
  });

  it('starts a rate job at once and then every interval', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z') });
    const times: string[] = [];
    const scheduler = startScheduler({
      jobs: [job('digest', 'rate(5 minutes)')],
      invoke: async (_job, p) => {
        times.push(p.scheduledTime);
      },
      log: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(times).toEqual([
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:05:00.000Z',
      '2026-01-01T10:10:00.000Z',
    ]);
    await scheduler.stop();
  });

  it('never overlaps two runs of the same job, and logs the skipped fire', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z') });
    const log: string[] = [];
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const scheduler = startScheduler({
      jobs: [job('scan', 'rate(1 minute)')],
      invoke: async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 90_000)); // longer than the interval
        active--;
      },
      log: (l) => log.push(l),
    });
    await vi.advanceTimersByTimeAsync(4 * 60_000 - 1); // up to 10:03:59.999
    expect(maxActive).toBe(1);
    expect(runs).toBe(2); // 10:00 and 10:02; 10:01 and 10:03 were skipped
    expect(log.filter((l) => l.includes('skipped'))).toHaveLength(2);
    await scheduler.stop();
  });

  it('logs a failed run and keeps the schedule going', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z') });
    const log: string[] = [];
    let runs = 0;
    const scheduler = startScheduler({
      jobs: [job('scan', 'rate(1 minute)')],
      invoke: async () => {
        runs++;
        throw new Error('table missing for owner@example.com');
      },
      log: (l) => log.push(l),
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(2);
    const failures = log.filter((l) => l.includes('FAILED'));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toContain('Error: table missing');
    expect(failures.join('\n')).not.toContain('owner@example.com');
    await scheduler.stop();
  });

  it('fires nothing after stop()', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T10:00:30Z') });
    let runs = 0;
    const scheduler = startScheduler({
      jobs: [job('scan', 'cron(* * * * ? *)')],
      invoke: async () => {
        runs++;
      },
      log: () => undefined,
    });
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runs).toBe(0);
  });

  it('fails at start on an invalid expression in the jobs table', () => {
    expect(() => startScheduler({ jobs: [job('bad', 'cron(0 9 * * * *)')], log: () => undefined })).toThrow(
      ScheduleExpressionError,
    );
  });
});
