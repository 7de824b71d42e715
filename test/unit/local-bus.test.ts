import { afterEach, describe, expect, it } from 'vitest';
import {
  LoggingPublisher,
  processPublisher,
  publisherFromEnv,
} from '../../functions/adapters/eventbridge/publisher.ts';
import type { JobDefinition } from '../../functions/jobs.ts';
import {
  type BusEnvelope,
  describeIds,
  LocalEventBus,
  localPublisher,
  matchesPattern,
  setLocalPublisher,
  targetsOf,
  toEnvelope,
} from '../../functions/local/bus.ts';

const eventJob = (name: string, pattern: { source?: string[]; 'detail-type'?: string[] }): JobDefinition => ({
  name,
  description: name,
  entry: 'unused.ts',
  trigger: { kind: 'event', pattern },
  needs: { table: 'write' },
});

const subject = (detailType: string, source = 'account-health') => ({ source, 'detail-type': detailType });

describe('event pattern matching', () => {
  it('matches when the event holds one of the listed values of every named field', () => {
    const pattern = { source: ['account-health'], 'detail-type': ['Survey Answered', 'Complaint Filed'] };
    expect(matchesPattern(pattern, subject('Survey Answered'))).toBe(true);
    expect(matchesPattern(pattern, subject('Complaint Filed'))).toBe(true);
  });

  it('does not match another detail-type or source', () => {
    const pattern = { source: ['account-health'], 'detail-type': ['Survey Answered'] };
    expect(matchesPattern(pattern, subject('Check-in Sent'))).toBe(false);
    expect(matchesPattern(pattern, subject('Survey Answered', 'crm'))).toBe(false);
  });

  it('compares exactly, case included, as EventBridge does', () => {
    expect(matchesPattern({ 'detail-type': ['Survey Answered'] }, subject('survey answered'))).toBe(false);
  });

  it('treats a field the pattern leaves out as matching anything', () => {
    expect(matchesPattern({ source: ['account-health'] }, subject('Digest Sent'))).toBe(true);
    expect(matchesPattern({}, subject('Digest Sent', 'anything'))).toBe(true);
  });

  it('never matches an empty list', () => {
    expect(matchesPattern({ 'detail-type': [] }, subject('Digest Sent'))).toBe(false);
  });

  it('finds only event-triggered jobs as targets', () => {
    const jobs: JobDefinition[] = [
      eventJob('on-answer', { 'detail-type': ['Survey Answered'] }),
      eventJob('on-risk', { 'detail-type': ['Account At Risk'] }),
      {
        name: 'scan',
        description: 'scan',
        entry: 'unused.ts',
        trigger: { kind: 'schedule', expression: 'rate(1 hour)', timeZone: 'UTC' },
        needs: { table: 'read' },
      },
    ];
    expect(targetsOf(subject('Survey Answered'), jobs).map((j) => j.name)).toEqual(['on-answer']);
  });
});

describe('the envelope', () => {
  it('has the shape EventBridge hands a Lambda target', () => {
    const envelope = toEnvelope(
      {
        detailType: 'Check-in Sent',
        detail: { accountId: 'A-1' },
        time: new Date('2026-05-04T09:30:12.345Z'),
      },
      { region: 'eu-west-1', id: 'e-1' },
    );
    expect(envelope).toEqual({
      version: '0',
      id: 'e-1',
      'detail-type': 'Check-in Sent',
      source: 'account-health',
      account: '000000000000',
      time: '2026-05-04T09:30:12Z',
      region: 'eu-west-1',
      resources: [],
      detail: { accountId: 'A-1' },
    });
  });

  it('describes ids only, and masks anything that looks like an address', () => {
    const text = describeIds({
      accountId: 'A-1',
      contactIds: ['c1', 'c2'],
      messageId: 'm-9',
      ownerEmail: 'owner@example.com',
      name: 'Ana',
      weirdId: 'someone@example.com',
    });
    expect(text).toBe('accountId=A-1 contactIds=c1,c2 messageId=m-9 weirdId=<email>');
  });
});

describe('the local bus', () => {
  afterEach(() => setLocalPublisher(undefined));

  it('logs every event as one line, keeps it and delivers it to each matching job', async () => {
    const log: string[] = [];
    const delivered: Array<{ job: string; envelope: BusEnvelope }> = [];
    const bus = new LocalEventBus({
      jobs: [
        eventJob('on-answer', { source: ['account-health'], 'detail-type': ['Survey Answered'] }),
        eventJob('audit', { source: ['account-health'] }),
      ],
      invoke: async (job, envelope) => {
        delivered.push({ job: job.name, envelope });
      },
      log: (l) => log.push(l),
    });

    await bus.publish([
      { detailType: 'Survey Answered', detail: { accountId: 'A-1', surveyId: 's-1', score: 3 } },
      { detailType: 'Digest Sent', detail: { ownerId: 'o-1' } },
    ]);
    await bus.idle();

    expect(bus.events.map((e) => e.detailType)).toEqual(['Survey Answered', 'Digest Sent']);
    expect(bus.envelopes).toHaveLength(2);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/Survey Answered {2}accountId=A-1 surveyId=s-1 -> on-answer, audit$/);
    expect(delivered.map((d) => `${d.job}:${d.envelope['detail-type']}`).sort()).toEqual([
      'audit:Digest Sent',
      'audit:Survey Answered',
      'on-answer:Survey Answered',
    ]);
    expect(delivered[0]?.envelope.detail).toMatchObject({ accountId: 'A-1' });
  });

  it('returns from publish before the targets run, as PutEvents does', async () => {
    let ran = false;
    const bus = new LocalEventBus({
      jobs: [eventJob('slow', {})],
      invoke: async () => {
        ran = true;
      },
      log: () => undefined,
    });
    await bus.publish([{ detailType: 'Contact Logged', detail: { accountId: 'A-1' } }]);
    expect(ran).toBe(false);
    await bus.idle();
    expect(ran).toBe(true);
  });

  it('delivers events a target publishes in turn, and idle() waits for the whole chain', async () => {
    const seen: string[] = [];
    const bus: LocalEventBus = new LocalEventBus({
      jobs: [
        eventJob('on-answer', { 'detail-type': ['Survey Answered'] }),
        eventJob('on-risk', { 'detail-type': ['Account At Risk'] }),
      ],
      invoke: async (job, envelope) => {
        seen.push(job.name);
        if (job.name === 'on-answer')
          await bus.publish([{ detailType: 'Account At Risk', detail: envelope.detail }]);
      },
      log: () => undefined,
    });
    await bus.publish([{ detailType: 'Survey Answered', detail: { accountId: 'A-1' } }]);
    await bus.idle();
    expect(seen).toEqual(['on-answer', 'on-risk']);
  });

  it('logs a failing target without failing the publisher', async () => {
    const log: string[] = [];
    const bus = new LocalEventBus({
      jobs: [eventJob('broken', {})],
      invoke: async () => {
        throw new TypeError('boom for owner@example.com');
      },
      log: (l) => log.push(l),
    });
    await expect(bus.publish([{ detailType: 'Contact Logged', detail: { accountId: 'A-1' } }])).resolves.toBe(
      undefined,
    );
    await bus.idle();
    const failure = log.find((l) => l.includes('FAILED'));
    expect(failure).toContain('broken');
    expect(failure).toContain('TypeError: boom for <email>');
  });

  it('keeps a bounded number of events', async () => {
    const bus = new LocalEventBus({ jobs: [], log: () => undefined, keep: 3 });
    for (let i = 0; i < 5; i++)
      await bus.publish([{ detailType: 'Digest Sent', detail: { ownerId: `o-${i}` } }]);
    expect(bus.envelopes.map((e) => e.detail.ownerId)).toEqual(['o-2', 'o-3', 'o-4']);
    expect(bus.events).toHaveLength(3);
  });

  it('becomes the publisher of handlers in this process once installed', async () => {
    const bus = new LocalEventBus({ jobs: [], log: () => undefined });
    // A handler built its publisher at module load, before the runtime installed the bus.
    const handlerPublisher = publisherFromEnv({});
    setLocalPublisher(bus);
    expect(localPublisher()).toBe(bus);
    await handlerPublisher.publish([{ detailType: 'Contact Logged', detail: { accountId: 'A-7' } }]);
    expect(bus.events).toEqual([{ detailType: 'Contact Logged', detail: { accountId: 'A-7' } }]);
  });

  it('can be uninstalled again', () => {
    setLocalPublisher(new LocalEventBus({ jobs: [], log: () => undefined }));
    setLocalPublisher(undefined);
    expect(localPublisher()).toBeUndefined();
    expect(processPublisher()).toBeInstanceOf(LoggingPublisher);
  });
});
