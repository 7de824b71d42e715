import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE } from '../../core/events/account-health.ts';
import type { DomainEvent, Publisher } from '../../core/events/ports.ts';
import { logger } from '../../shared/observability.ts';

/** PutEvents on the tool's custom bus, in batches of 10 (the API's limit). */
export class EventBridgePublisher implements Publisher {
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

export function createEventBridgePublisher(busName: string, region: string): Publisher {
  return new EventBridgePublisher(new EventBridgeClient({ region }), busName);
}

/** Collects events in memory: the local bus's base and a test double. */
export class RecordingPublisher implements Publisher {
  readonly events: DomainEvent[] = [];
  async publish(events: DomainEvent[]): Promise<void> {
    this.events.push(...events);
  }
}

/** Logs each event (detail-type and ids; events carry no personal data) and delivers it nowhere. */
export class LoggingPublisher implements Publisher {
  async publish(events: DomainEvent[]): Promise<void> {
    for (const e of events) logger.info('event', { detailType: e.detailType, detail: e.detail });
  }
}

let processWide: Publisher = new LoggingPublisher();

/** Replaces the process-wide publisher (the local runtime installs its in-process bus here). */
export function setProcessPublisher(publisher: Publisher): void {
  processWide = publisher;
}

/** The process-wide publisher: a logger-only one until the local runtime installs its bus. */
export function processPublisher(): Publisher {
  return processWide;
}

/**
 * The publisher a handler should use: EventBridge when AH_BUS_NAME is set (deployed), else the
 * process-wide one, looked up on every publish so a bus installed after module load still gets
 * the events.
 */
export function publisherFromEnv(env: NodeJS.ProcessEnv = process.env): Publisher {
  if (env.AH_BUS_NAME) return createEventBridgePublisher(env.AH_BUS_NAME, env.AWS_REGION ?? 'us-east-1');
  return { publish: (events) => processWide.publish(events) };
}

/**
 * Puts one event of any source on a bus and returns the id EventBridge gave it: the CLI's
 * `send-event --stack`, which plays a CRM (source `crm`) against a deployed stack.
 */
export async function putEvent(
  entry: { busName: string; region: string; source: string; detailType: string; detail: unknown },
  client: EventBridgeClient = new EventBridgeClient({ region: entry.region }),
): Promise<string> {
  const r = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: entry.busName,
          Source: entry.source,
          DetailType: entry.detailType,
          Detail: JSON.stringify(entry.detail),
        },
      ],
    }),
  );
  const result = r.Entries?.[0];
  if (r.FailedEntryCount || !result?.EventId)
    throw new Error(
      `EventBridge refused the event: ${result?.ErrorCode ?? 'unknown'}: ${result?.ErrorMessage ?? ''}`,
    );
  return result.EventId;
}
