import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { logger } from '../shared/observability.ts';

/** Every event this tool puts on the bus has this source. */
export const EVENT_SOURCE = 'account-health';

export type DetailType =
  | 'Check-in Sent'
  | 'Survey Sent'
  | 'Survey Answered'
  | 'Account At Risk'
  | 'Account Recovered'
  | 'Contact Logged'
  | 'Digest Sent'
  | 'Owner Alerted';

export interface DomainEvent {
  detailType: DetailType;
  /** No personal data beyond ids: events are logged. */
  detail: Record<string, unknown>;
  time?: Date | undefined;
}

/** Where events go: EventBridge in AWS, the in-process bus locally. */
export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}

/** PutEvents on the tool's custom bus, in batches of 10 (the API's limit). */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: DomainEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 10) {
      const batch = events.slice(i, i + 10);
      const r = await this.client.send(
        new PutEventsCommand({
          Entries: batch.map((e) => ({
            EventBusName: this.busName,
            Source: EVENT_SOURCE,
            DetailType: e.detailType,
            Detail: JSON.stringify(e.detail),
            Time: e.time,
          })),
        }),
      );
      if (r.FailedEntryCount)
        throw new Error(`EventBridge refused ${r.FailedEntryCount} of ${batch.length} events`);
    }
  }
}

export function createEventBridgePublisher(busName: string, region: string): EventPublisher {
  return new EventBridgePublisher(new EventBridgeClient({ region }), busName);
}

/** Collects events in memory: the local bus's base and a test double. */
export class RecordingPublisher implements EventPublisher {
  readonly events: DomainEvent[] = [];
  async publish(events: DomainEvent[]): Promise<void> {
    this.events.push(...events);
  }
}

/** Logs each event (detail-type and ids; events carry no personal data) and delivers it nowhere. */
export class LoggingPublisher implements EventPublisher {
  async publish(events: DomainEvent[]): Promise<void> {
    for (const e of events) logger.info('event', { detailType: e.detailType, detail: e.detail });
  }
}

let processWide: EventPublisher = new LoggingPublisher();

/** Replaces the process-wide publisher (the local runtime installs its in-process bus here). */
export function setProcessPublisher(publisher: EventPublisher): void {
  processWide = publisher;
}

/** The process-wide publisher: a logger-only one until the local runtime installs its bus. */
export function processPublisher(): EventPublisher {
  return processWide;
}

/**
 * The publisher a handler should use: EventBridge when AH_BUS_NAME is set (deployed), else the
 * process-wide one, looked up on every publish so a bus installed after module load still gets
 * the events.
 */
export function publisherFromEnv(env: NodeJS.ProcessEnv = process.env): EventPublisher {
  if (env.AH_BUS_NAME) return createEventBridgePublisher(env.AH_BUS_NAME, env.AWS_REGION ?? 'us-east-1');
  return { publish: (events) => processWide.publish(events) };
}
