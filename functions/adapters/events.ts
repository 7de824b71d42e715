import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

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
