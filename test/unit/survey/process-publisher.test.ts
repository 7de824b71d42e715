import { afterEach, describe, expect, it } from 'vitest';
import {
  EventBridgePublisher,
  LoggingPublisher,
  processPublisher,
  publisherFromEnv,
  RecordingPublisher,
  setProcessPublisher,
} from '../../../functions/adapters/eventbridge/publisher.ts';

describe('the process-wide publisher', () => {
  const original = processPublisher();
  afterEach(() => setProcessPublisher(original));

  it('logs only, until the local runtime installs its bus', () => {
    expect(original).toBeInstanceOf(LoggingPublisher);
  });

  it('reaches a bus installed after the handler took its publisher', async () => {
    const publisher = publisherFromEnv({});
    const bus = new RecordingPublisher();
    setProcessPublisher(bus);
    await publisher.publish([{ detailType: 'Survey Answered', detail: { accountId: 'a' } }]);
    expect(bus.events).toHaveLength(1);
  });

  it('is EventBridge when a bus name is configured', () => {
    expect(publisherFromEnv({ AH_BUS_NAME: 'bus', AWS_REGION: 'eu-west-1' })).toBeInstanceOf(
      EventBridgePublisher,
    );
  });
});
