import type { Context } from 'aws-lambda';
import type { Runtime } from '../../config/runtime.ts';
import type { Settings } from '../../config/settings.ts';
import type { WiringOverrides } from './adapters.ts';

/** A job's use case behind its handler's parsing, with its dependencies built. */
export type JobRunner = (event: unknown, context?: Context) => Promise<unknown>;

type RunnerFactory = (runtime: Runtime, settings: Settings, overrides: WiringOverrides) => Promise<JobRunner>;

/**
 * Every job, runnable with an explicit runtime, settings and overrides: what the local runtime
 * (`npm start`), the CLI (`run`, `send-event`) and their in-process bus use instead of pointing
 * handlers at a stack through process.env. Each job's modules load only when that job runs.
 */
const RUNNERS: Record<string, RunnerFactory> = {
  scan: async (runtime, settings, overrides) => {
    const [{ runScan }, { createScanDeps }] = await Promise.all([
      import('../scan-due.handler.ts'),
      import('./outreach.ts'),
    ]);
    const deps = createScanDeps(runtime, settings, overrides);
    return (event, context) => runScan(event, deps, context?.getRemainingTimeInMillis?.());
  },
  digest: async (runtime, settings, overrides) => {
    const [{ runDigest }, { createDigestDeps }] = await Promise.all([
      import('../digest.handler.ts'),
      import('./digest.ts'),
    ]);
    const deps = createDigestDeps(runtime, settings, overrides);
    return (event) => runDigest(event, deps);
  },
  escalate: async (runtime, settings, overrides) => {
    const [{ runEscalate }, { createHealthDeps }] = await Promise.all([
      import('../escalate.handler.ts'),
      import('./health.ts'),
    ]);
    const deps = createHealthDeps(runtime, settings, overrides);
    return (event) => runEscalate(event, deps);
  },
  'health-signals': async (runtime, settings, overrides) => {
    const [{ handleSurveyAnswered }, { createHealthDeps }] = await Promise.all([
      import('../health-signals.handler.ts'),
      import('./health.ts'),
    ]);
    const deps = createHealthDeps(runtime, settings, overrides);
    return (event) => handleSurveyAnswered(event as { detail: unknown }, deps);
  },
  'crm-events': async (runtime, settings, overrides) => {
    const [{ processCrmEvent }, { createCrmEventDeps }] = await Promise.all([
      import('../crm-events.handler.ts'),
      import('./crm-events.ts'),
    ]);
    const deps = createCrmEventDeps(runtime, settings, overrides);
    return (event) => processCrmEvent(event, deps, overrides.clock?.() ?? new Date());
  },
  'ses-events': async (runtime, settings, overrides) => {
    const [{ handleSesEvent }, { createSesEventsDeps }] = await Promise.all([
      import('../ses-events.handler.ts'),
      import('./ses-events.ts'),
    ]);
    const deps = createSesEventsDeps(runtime, settings, overrides);
    return (event) => handleSesEvent(event, deps);
  },
  http: async (runtime, settings, overrides) => {
    const [{ createRouteHttp }, { createHttpDeps }] = await Promise.all([
      import('../http-routes.ts'),
      import('./http.ts'),
    ]);
    const route = createRouteHttp(createHttpDeps(runtime, settings, overrides));
    return (event) => route(event as Parameters<typeof route>[0]);
  },
};

/** The runner of a job: its use case with its dependencies, as its handler would run it. */
export function jobRunner(
  jobName: string,
  runtime: Runtime,
  settings: Settings,
  overrides: WiringOverrides = {},
): Promise<JobRunner> {
  const factory = RUNNERS[jobName];
  if (!factory) throw new Error(`The job ${jobName} has no runner`);
  return factory(runtime, settings, overrides);
}
