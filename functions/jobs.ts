/**
 * Every job the tool runs, declared once. The CDK stack makes one Lambda and one trigger per entry;
 * the local runtime hosts the same handlers with the same triggers. Nothing else lists jobs.
 */

/** An EventBridge Scheduler schedule: `cron(...)` or `rate(...)`, evaluated in `timeZone`. */
export interface ScheduleTrigger {
  kind: 'schedule';
  expression: string;
  timeZone: string;
}

/** An EventBridge rule on the tool's bus. */
export interface EventTrigger {
  kind: 'event';
  pattern: { source?: string[]; 'detail-type'?: string[] };
}

export interface HttpRoute {
  method: 'GET' | 'POST';
  /** Path with `{param}` placeholders, as API Gateway HTTP APIs spell them. */
  path: string;
}

/** Public HTTP routes (survey and action links). */
export interface HttpTrigger {
  kind: 'http';
  routes: HttpRoute[];
}

export type Trigger = ScheduleTrigger | EventTrigger | HttpTrigger;

/** The payload a schedule trigger invokes its job's handler with (EventBridge Scheduler input). */
export interface ScheduledInvocation {
  job: string;
  /** ISO instant the schedule fired for (the planned time, not the moment the run started). */
  scheduledTime: string;
}

/** What a job's function may touch; the stack turns this into least-privilege grants. */
export interface JobNeeds {
  table: 'read' | 'write';
  sendsEmail?: boolean;
  putsEvents?: boolean;
}

export interface JobDefinition {
  /** kebab-case; the CLI's `run <name>` and the construct id. */
  name: string;
  description: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  trigger: Trigger;
  needs: JobNeeds;
  /** @default 30 */
  timeoutSeconds?: number;
  /** @default 256 */
  memoryMb?: number;
}

export const JOBS: readonly JobDefinition[] = [
  {
    name: 'scan',
    description: 'Finds accounts whose contact is going stale and sends check-ins and surveys, once each',
    entry: 'functions/handlers/scan-due.handler.ts',
    trigger: { kind: 'schedule', expression: 'cron(0 * * * ? *)', timeZone: 'UTC' },
    needs: { table: 'write', sendsEmail: true, putsEvents: true },
    timeoutSeconds: 900,
    memoryMb: 512,
  },
  {
    name: 'http',
    description: 'Public links: survey pages, unsubscribe and owner actions; GET /health',
    entry: 'functions/handlers/http.handler.ts',
    trigger: {
      kind: 'http',
      routes: [
        { method: 'GET', path: '/health' },
        { method: 'GET', path: '/s/{token}' },
        { method: 'POST', path: '/s/{token}' },
        { method: 'GET', path: '/u/{token}' },
        { method: 'POST', path: '/u/{token}' },
      ],
    },
    // Answers and unsubscribes write, and an answer emits Survey Answered.
    needs: { table: 'write', putsEvents: true },
    timeoutSeconds: 10,
  },
];

export function jobNamed(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
