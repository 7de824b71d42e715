import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import {
  LoggingPublisher,
  processPublisher,
  RecordingPublisher,
  setProcessPublisher,
} from '../adapters/eventbridge/publisher.ts';
import { EVENT_SOURCE } from '../core/events/account-health.ts';
import type { DomainEvent, Publisher } from '../core/events/ports.ts';
import { type EventTrigger, JOBS, type JobDefinition } from '../jobs.ts';
import { describeError, invokeJob, redact } from './host.ts';

/**
 * The local stand-in for the EventBridge bus: applies the event rules of the jobs table to every
 * published event and invokes the matching jobs' handlers with the envelope EventBridge would send.
 * Every event is logged as one line, so a user of `npm start` can watch what the tool does.
 */

export type BusEnvelope = EventBridgeEvent<string, Record<string, unknown>>;

/** The fields of an event that the jobs table's patterns look at. */
export type PatternSubject = Pick<BusEnvelope, 'source' | 'detail-type'>;

/**
 * EventBridge matching for the pattern shape of the jobs table: every field the pattern names must
 * hold one of the listed values (exact, case-sensitive); a field the pattern leaves out matches anything.
 */
export function matchesPattern(pattern: EventTrigger['pattern'], event: PatternSubject): boolean {
  if (pattern.source && !pattern.source.includes(event.source)) return false;
  if (pattern['detail-type'] && !pattern['detail-type'].includes(event['detail-type'])) return false;
  return true;
}

/** Jobs whose event rule matches the event. */
export function targetsOf(event: PatternSubject, jobs: readonly JobDefinition[] = JOBS): JobDefinition[] {
  return jobs.filter((j) => j.trigger.kind === 'event' && matchesPattern(j.trigger.pattern, event));
}

export interface EnvelopeOptions {
  region?: string;
  account?: string;
  now?: Date;
  id?: string;
}

/** Wraps a domain event the way EventBridge delivers it to a Lambda target. */
export function toEnvelope(event: DomainEvent, opts: EnvelopeOptions = {}): BusEnvelope {
  const time = event.time ?? opts.now ?? new Date();
  return {
    version: '0',
    id: opts.id ?? randomUUID(),
    'detail-type': event.detailType,
    source: EVENT_SOURCE,
    account: opts.account ?? '000000000000',
    // EventBridge stamps whole seconds.
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: opts.region ?? process.env.AWS_REGION ?? 'us-east-1',
    resources: [],
    detail: event.detail,
  };
}

/** `accountId=A-1 messageId=...`: the ids of an event's detail, never names or addresses. */
export function describeIds(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (!/(^id|Id|Ids|ID)$/.test(key)) continue;
    const values = Array.isArray(value) ? value : [value];
    const shown = values
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .map((v) => redact(String(v)))
      .join(',');
    if (shown) parts.push(`${key}=${shown}`);
  }
  return parts.join(' ');
}

export interface LocalEventBusOptions {
  /** @default the jobs table */
  jobs?: readonly JobDefinition[];
  /** @default invokes the target job's handler in this process */
  invoke?: (job: JobDefinition, envelope: BusEnvelope) => Promise<unknown>;
  /** @default console.log */
  log?: (line: string) => void;
  /** Events kept in memory, oldest dropped first. @default 10_000 */
  keep?: number;
  region?: string;
}

/**
 * An in-process Publisher. `publish` returns once the events are on the bus, as PutEvents
 * does; delivery to the matching jobs runs after it, so a handler that publishes is never blocked
 * by (or recursively entangled with) the handlers its events trigger. `idle()` waits for delivery.
 */
export class LocalEventBus extends RecordingPublisher implements Publisher {
  /** Every event as delivered (envelopes), oldest first. */
  readonly envelopes: BusEnvelope[] = [];
  private readonly jobs: readonly JobDefinition[];
  private readonly invoke: (job: JobDefinition, envelope: BusEnvelope) => Promise<unknown>;
  private readonly log: (line: string) => void;
  private readonly keep: number;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly opts: LocalEventBusOptions = {}) {
    super();
    this.jobs = opts.jobs ?? JOBS;
    this.invoke = opts.invoke ?? ((job, envelope) => invokeJob(job, envelope));
    this.log = opts.log ?? ((line: string) => console.log(line));
    this.keep = opts.keep ?? 10_000;
  }

  override async publish(events: DomainEvent[]): Promise<void> {
    await super.publish(events);
    for (const event of events) {
      const envelope = toEnvelope(event, { region: this.opts.region ?? process.env.AWS_REGION });
      this.envelopes.push(envelope);
      const targets = targetsOf(envelope, this.jobs);
      const ids = describeIds(envelope.detail);
      const to = targets.length ? ` -> ${targets.map((t) => t.name).join(', ')}` : '';
      this.log(`event     ${envelope.time}  ${envelope['detail-type']}${ids ? `  ${ids}` : ''}${to}`);
      for (const job of targets) this.deliver(job, envelope);
    }
    this.trim();
  }

  /** Resolves when every delivery started so far (and any it caused) has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private deliver(job: JobDefinition, envelope: BusEnvelope): void {
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.invoke(job, envelope))
      .then(
        () => undefined,
        (error: unknown) =>
          this.log(
            `event     ${envelope['detail-type']} -> ${job.name} FAILED: ${describeError(error)} (event ${envelope.id})`,
          ),
      )
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  private trim(): void {
    const excess = this.envelopes.length - this.keep;
    if (excess > 0) {
      this.envelopes.splice(0, excess);
      this.events.splice(0, excess);
    }
  }
}

/**
 * Makes `bus` the process's publisher, so handlers hosted in this process (which publish through
 * `publisherFromEnv()`) put their events on it; `undefined` restores the logging-only default.
 */
export function setLocalPublisher(bus: LocalEventBus | undefined): void {
  setProcessPublisher(bus ?? new LoggingPublisher());
}

/** The local bus this process publishes to, when the local runtime installed one. */
export function localPublisher(): LocalEventBus | undefined {
  const current = processPublisher();
  return current instanceof LocalEventBus ? current : undefined;
}
