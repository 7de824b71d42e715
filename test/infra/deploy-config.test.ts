import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../functions/jobs.ts';
import { parseDeployConfig } from '../../lib/deploy-config.ts';
import { scheduleExpressionOf } from '../../lib/schedule-expression.ts';
import { ALL_JOBS, resourcesOf, synthStack } from './stack-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'ah-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sendsEmail = JOBS.some((j) => j.needs.sendsEmail);

describe('deployment configuration from CDK context', () => {
  it('fails synth with the settings file and the offending field named', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ cadence: { key: { days: -3 } } }));
    expect(() => synthStack({ context: { settingsFile: file } })).toThrow(
      /Invalid .*bad\.json:\n\s+cadence\.key/,
    );
  });

  it('fails synth when the settings file is not JSON', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "cadence": ');
    expect(() => synthStack({ context: { settingsFile: file } })).toThrow(/broken\.json is not valid JSON/);
  });

  it('passes the validated settings, defaults filled in, to every function as AH_SETTINGS', () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify({ dueShards: 32 }));
    const { template } = synthStack({ context: { settingsFile: file } });
    for (const [, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      const settings = JSON.parse(fn.Environment.Variables.AH_SETTINGS);
      expect(settings).toMatchObject({ dueShards: 32, cadence: { key: { days: 30 } } });
    }
  });

  it('publishes business metrics by default, and -c businessMetrics=false switches them off in every function', () => {
    const on = synthStack().template;
    const off = synthStack({ context: { businessMetrics: 'false' } }).template;
    const disabled = (t: typeof on) =>
      resourcesOf(t, 'AWS::Lambda::Function').map(
        ([, fn]) => fn.Environment.Variables.POWERTOOLS_METRICS_DISABLED,
      );
    expect(disabled(on).every((v) => v === undefined)).toBe(true);
    expect(disabled(off).length).toBeGreaterThan(0);
    expect(disabled(off).every((v) => v === 'true')).toBe(true);
    expect(() => parseDeployConfig({ businessMetrics: 'no' })).toThrow(/businessMetrics/);
  });

  it('names a bad context value by its key', () => {
    expect(() => parseDeployConfig({ sender: 'not-an-address', logRetentionDays: '31' })).toThrow(
      /sender: .*\n\s+logRetentionDays: one of/,
    );
  });

  it('accepts -c style strings for numbers and JSON objects', () => {
    const config = parseDeployConfig({ httpRateLimit: '5', schedules: '{"scan":{"enabled":false}}' });
    expect(config.httpRateLimit).toBe(5);
    expect(config.schedules).toEqual({ scan: { enabled: false } });
  });

  it.runIf(sendsEmail)('asks for a sender, naming the job, when a job sends email', () => {
    expect(() => synthStack({ jobs: JOBS, context: { sender: undefined } })).toThrow(
      /Job "[a-z-]+" sends email, so the stack needs a sender.*-c sender=/s,
    );
  });

  it('overrides the time zone of every schedule with timeZone', () => {
    const { template } = synthStack({ context: { timeZone: 'Europe/Berlin' } });
    const zones = resourcesOf(template, 'AWS::Scheduler::Schedule')
      .filter(([, s]) => String(s.ScheduleExpression).startsWith('cron('))
      .map(([, s]) => s.ScheduleExpressionTimezone);
    expect(zones.length).toBeGreaterThan(0);
    expect(new Set(zones)).toEqual(new Set(['Europe/Berlin']));
  });

  it('overrides one job schedule, and can deploy it disabled', () => {
    const { template } = synthStack({
      context: {
        schedules: {
          'fake-digest': { expression: 'cron(30 8 ? * TUE *)', timeZone: 'Asia/Tokyo', enabled: false },
        },
      },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 8 ? * TUE *)',
      ScheduleExpressionTimezone: 'Asia/Tokyo',
      State: 'DISABLED',
    });
  });

  it('rejects an override for a job that does not exist or is not scheduled', () => {
    expect(() => synthStack({ context: { schedules: { nope: { enabled: false } } } })).toThrow(
      /schedules\.nope: there is no job named "nope"/,
    );
    const http = ALL_JOBS.find((j) => j.trigger.kind === 'http')?.name ?? 'http';
    expect(() => synthStack({ context: { schedules: { [http]: { enabled: false } } } })).toThrow(
      /not a schedule/,
    );
  });

  it('fails synth when a job entry does not exist', () => {
    const ghost = { ...ALL_JOBS[0], name: 'ghost', entry: 'functions/handlers/ghost.handler.ts' } as never;
    expect(() => synthStack({ jobs: [...ALL_JOBS, ghost] })).toThrow(/Job "ghost": entry .* does not exist/);
  });
});

describe('schedule expressions of the jobs table', () => {
  it('keeps a six-field cron and its time zone', () => {
    const e = scheduleExpressionOf('j', 'cron(0/15 8-17 ? * MON-FRI *)', 'Europe/Paris');
    expect(e.expressionString).toBe('cron(0/15 8-17 ? * MON-FRI *)');
    expect(e.timeZone?.timezoneName).toBe('Europe/Paris');
  });

  it('turns a rate into a rate', () => {
    expect(scheduleExpressionOf('j', 'rate(1 hour)', 'UTC').expressionString).toBe('rate(1 hour)');
    expect(scheduleExpressionOf('j', 'rate(15 minutes)', 'UTC').expressionString).toBe('rate(15 minutes)');
  });

  it.each([
    ['cron(0 * * * *)', /6/],
    ['cron(0 9 1 * MON *)', /exactly one/],
    ['rate(1 hours)', /singular/],
    ['every hour', /must be cron/],
  ])('rejects %s with the job named', (expression, why) => {
    expect(() => scheduleExpressionOf('digest', expression, 'UTC')).toThrow(/Job "digest"/);
    expect(() => scheduleExpressionOf('digest', expression, 'UTC')).toThrow(why);
  });

  it('rejects a time zone that is not IANA', () => {
    expect(() => scheduleExpressionOf('digest', 'cron(0 9 * * ? *)', 'Mars/Olympus')).toThrow(/IANA/);
  });

  it('accepts every schedule of the real jobs table', () => {
    for (const job of JOBS) {
      const trigger = job.trigger;
      if (trigger.kind === 'schedule')
        expect(() => scheduleExpressionOf(job.name, trigger.expression, trigger.timeZone)).not.toThrow();
    }
  });
});
