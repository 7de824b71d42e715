import { JOBS, type JobDefinition, type ScheduledInvocation, type ScheduleTrigger } from '../jobs.ts';
import { assertTimeZone, parseScheduleExpression } from '../schedule/expression.ts';
import { nextFireTime } from '../schedule/next-fire.ts';
import { describeError, invokeJob } from './host.ts';

/**
 * The local stand-in for EventBridge Scheduler: a timer loop that fires the jobs of the jobs table
 * when their schedule expressions (functions/schedule/) come due in their time zones.
 */

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
