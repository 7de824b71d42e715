import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { loadSettings } from '../config/settings.ts';
import { JOBS, type JobDefinition, jobNamed, type ScheduledInvocation } from '../jobs.ts';

/**
 * Hosts the jobs of the jobs table in this process, the way Lambda would: loads a job's handler
 * module from its `entry`, and invokes it with an event and a Lambda-like context. Used by the local
 * runtime (HTTP server, scheduler, event bus) and the CLI's `run <job>`.
 */

/** The repository root: job entries are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: a handler's event and result types are the job's own business.
export type JobHandler = (event: any, context: Context) => Promise<unknown>;

export class UnknownJobError extends Error {
  constructor(readonly jobName: string) {
    super(`There is no job named "${jobName}". Jobs: ${JOBS.map((j) => j.name).join(', ')}.`);
    this.name = 'UnknownJobError';
  }
}

export class JobTimeoutError extends Error {
  constructor(
    readonly jobName: string,
    readonly timeoutSeconds: number,
  ) {
    super(`Job ${jobName} did not finish within its timeout of ${timeoutSeconds}s`);
    this.name = 'JobTimeoutError';
  }
}

const handlers = new Map<string, Promise<JobHandler>>();

function resolveJob(job: JobDefinition | string): JobDefinition {
  if (typeof job !== 'string') return job;
  const found = jobNamed(job);
  if (!found) throw new UnknownJobError(job);
  return found;
}

/**
 * What the stack does at synth, for the handlers hosted here: validates the settings once (AH_SETTINGS,
 * else AH_SETTINGS_FILE or the settings file, else the defaults; a problem stops with its path named)
 * and hands them, every default filled in, to every handler as AH_SETTINGS
 * (functions/config/deployed-settings.ts). Validating settings already validated changes nothing.
 */
export function provideValidatedSettings(env: NodeJS.ProcessEnv = process.env): void {
  env.AH_SETTINGS = JSON.stringify(loadSettings(env));
}

/** Loads (once) the `handler` export of a job's entry module. */
export function loadJobHandler(jobOrName: JobDefinition | string): Promise<JobHandler> {
  const job = resolveJob(jobOrName);
  let loading = handlers.get(job.entry);
  if (!loading) {
    loading = Promise.resolve()
      .then(() => provideValidatedSettings())
      .then(() => import(pathToFileURL(resolve(REPO_ROOT, job.entry)).href))
      .then((mod: Record<string, unknown>) => {
        if (typeof mod.handler !== 'function')
          throw new Error(`${job.entry} (job ${job.name}) does not export a function named handler`);
        return mod.handler as JobHandler;
      });
    // A failed import is not cached, so fixing the file and retrying works without a restart.
    loading.catch(() => handlers.delete(job.entry));
    handlers.set(job.entry, loading);
  }
  return loading;
}

/** A Lambda context good enough for Powertools and for handlers that watch their remaining time. */
export function lambdaContext(job: JobDefinition, deadline: number): Context {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const functionName = `account-health-${job.name}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(job.memoryMb ?? 256),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Invokes a job's handler with an event, enforcing the job's timeout as Lambda does (the handler
 * keeps running in this process, but its caller gets a JobTimeoutError). `run` replaces the
 * handler module of the job's entry (the CLI passes the job's runner, wired without process.env).
 */
export async function invokeJob(
  jobOrName: JobDefinition | string,
  event: unknown,
  run?: JobHandler,
): Promise<unknown> {
  const job = resolveJob(jobOrName);
  const handler = run ?? (await loadJobHandler(job));
  const timeoutSeconds = job.timeoutSeconds ?? 30;
  const deadline = Date.now() + timeoutSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JobTimeoutError(job.name, timeoutSeconds)), timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([handler(event, lambdaContext(job, deadline)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The event EventBridge Scheduler hands a scheduled job. */
export function scheduledInvocation(job: string, scheduledTime: Date): ScheduledInvocation {
  return { job, scheduledTime: scheduledTime.toISOString() };
}

/** Runs a job once as its schedule would, for the given time (the CLI's `run <job> --now <ISO>`). */
export function invokeScheduled(jobOrName: JobDefinition | string, scheduledTime: Date): Promise<unknown> {
  const job = resolveJob(jobOrName);
  return invokeJob(job, scheduledInvocation(job.name, scheduledTime));
}

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g;

/** Masks anything that looks like an email address, so log lines stay free of personal data. */
export function redact(text: string): string {
  return text.replace(EMAIL, '<email>');
}

/** A one-line description of an error for the local runtime's log: name and message, redacted. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return redact(`${error.name}: ${error.message}`.split('\n')[0] ?? error.name);
  return redact(String(error)).slice(0, 200);
}
