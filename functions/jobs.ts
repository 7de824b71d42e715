import { EVENT_SOURCE, SURVEY_ANSWERED } from './core/events/account-health.ts';
import { CRM_DETAIL_TYPES, CRM_EVENT_SOURCE } from './core/events/crm.ts';
import { SES_EVENT_SOURCE, SES_FEEDBACK_DETAIL_TYPES } from './core/events/ses.ts';

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
    name: 'digest',
    description: "Sends each account owner's digest once per period, at the digest time in the owner's zone",
    entry: 'functions/handlers/digest.handler.ts',
    // Hourly in UTC, so each owner's local send time (settings.digest) is hit in every zone.
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
        { method: 'GET', path: '/a/{token}' },
        { method: 'POST', path: '/a/{token}' },
      ],
    },
    // Answers and unsubscribes write, and an answer emits Survey Answered.
    needs: { table: 'write', putsEvents: true },
    timeoutSeconds: 10,
  },
  {
    name: 'ses-events',
    description: 'Suppresses addresses that hard-bounce or complain (SES events forwarded onto the tool bus)',
    entry: 'functions/handlers/ses-events.handler.ts',
    // What the configuration set publishes (lib/constructs/email-sending.ts), forwarded onto our bus.
    trigger: {
      kind: 'event',
      pattern: { source: [SES_EVENT_SOURCE], 'detail-type': [...SES_FEEDBACK_DETAIL_TYPES] },
    },
    needs: { table: 'write' },
    timeoutSeconds: 10,
  },
  {
    name: 'crm-events',
    description:
      'Applies inbound CRM events (accounts, contacts, complaints); refused ones become dead letters',
    entry: 'functions/handlers/crm-events.handler.ts',
    // Source `crm`: the tool's own `Contact Logged` (source account-health) must not loop back in.
    trigger: {
      kind: 'event',
      pattern: { source: [CRM_EVENT_SOURCE], 'detail-type': [...CRM_DETAIL_TYPES] },
    },
    // A complaint alerts the owner by email, marks the account at risk and emits Account At Risk.
    needs: { table: 'write', sendsEmail: true, putsEvents: true },
    timeoutSeconds: 30,
  },
  {
    name: 'health-signals',
    description:
      'Turns survey answers into health: a detractor alerts the owner at once, marks the account at risk and checks its cohort',
    entry: 'functions/handlers/health-signals.handler.ts',
    trigger: { kind: 'event', pattern: { source: [EVENT_SOURCE], 'detail-type': [SURVEY_ANSWERED] } },
    needs: { table: 'write', sendsEmail: true, putsEvents: true },
    timeoutSeconds: 60,
  },
  {
    name: 'escalate',
    description:
      'Escalates owner alerts not acknowledged in time to the manager, once; recovers accounts whose signals aged out',
    entry: 'functions/handlers/escalate.handler.ts',
    trigger: { kind: 'schedule', expression: 'cron(15 * * * ? *)', timeZone: 'UTC' },
    needs: { table: 'write', sendsEmail: true, putsEvents: true },
    timeoutSeconds: 300,
  },
];

export function jobNamed(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
