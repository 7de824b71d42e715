import type { OutboundDetailType } from './account-health.ts';

/** One event the tool puts on its bus (source `account-health`). */
export interface DomainEvent<T extends OutboundDetailType = OutboundDetailType> {
  detailType: T;
  /** No personal data beyond ids: events are logged. */
  detail: Record<string, unknown>;
  time?: Date | undefined;
}

/** Where events go: EventBridge in AWS, the in-process bus locally, a recorder in tests. */
export interface Publisher<T extends OutboundDetailType = OutboundDetailType> {
  publish(events: DomainEvent<T>[]): Promise<void>;
}
