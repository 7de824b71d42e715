import { describe, expect, it } from 'vitest';
import { InvalidSesEventError } from '../../functions/adapters/ses/feedback-event.ts';
import type { SuppressionReason } from '../../functions/core/email/feedback.ts';
import { SES_EVENT_SOURCE, SES_FEEDBACK_DETAIL_TYPES } from '../../functions/core/events/ses.ts';
import { handleSesEvent } from '../../functions/handlers/ses-events.handler.ts';
import { jobNamed } from '../../functions/jobs.ts';
import { targetsOf } from '../../functions/local/bus.ts';
import { sesBounceEvent, sesComplaintEvent } from '../support/ses-events.ts';

function fakeAddresses() {
  const calls: Array<{ email: string; reason: SuppressionReason; at: string }> = [];
  return {
    calls,
    addresses: {
      suppress: async (email: string, reason: SuppressionReason, at: Date) => {
        calls.push({ email, reason, at: at.toISOString() });
      },
    },
  };
}

describe('ses-events: bounces and complaints', () => {
  it('suppresses every recipient of a permanent bounce, lower-cased, at the bounce time', async () => {
    const { calls, addresses } = fakeAddresses();

    const outcome = await handleSesEvent(sesBounceEvent(['Gone@Customer.test', 'also-gone@customer.test']), {
      addresses,
    });

    expect(calls).toEqual([
      { email: 'gone@customer.test', reason: 'bounce', at: '2026-11-18T10:00:02.669Z' },
      { email: 'also-gone@customer.test', reason: 'bounce', at: '2026-11-18T10:00:02.669Z' },
    ]);
    expect(outcome).toEqual({ reason: 'bounce', suppressed: 2 });
  });

  it('suppresses the complainant of a spam complaint', async () => {
    const { calls, addresses } = fakeAddresses();

    const outcome = await handleSesEvent(sesComplaintEvent(['angry@customer.test']), { addresses });

    expect(calls).toEqual([
      { email: 'angry@customer.test', reason: 'complaint', at: '2026-11-19T08:15:00.000Z' },
    ]);
    expect(outcome.suppressed).toBe(1);
  });

  it('suppresses on a complaint without a feedback type (SES sends null when the receiver gave none)', async () => {
    const { calls, addresses } = fakeAddresses();

    await handleSesEvent(sesComplaintEvent(['quiet@customer.test'], { feedbackType: null }), { addresses });

    expect(calls.map((c) => c.reason)).toEqual(['complaint']);
  });

  it.each([
    [
      'a transient bounce',
      sesBounceEvent(['full@customer.test'], { bounceType: 'Transient' }),
      'transient-bounce',
    ],
    [
      'an undetermined bounce',
      sesBounceEvent(['who@customer.test'], { bounceType: 'Undetermined', bounceSubType: 'Undetermined' }),
      'undetermined-bounce',
    ],
    [
      'a not-spam report',
      sesComplaintEvent(['fan@customer.test'], { feedbackType: 'not-spam' }),
      'not-spam-report',
    ],
  ])('changes nothing on %s', async (_what, event, ignored) => {
    const { calls, addresses } = fakeAddresses();

    const outcome = await handleSesEvent(event, { addresses });

    expect(calls).toEqual([]);
    expect(outcome).toEqual({ reason: undefined, suppressed: 0, ignored });
  });

  it('rejects an event it does not understand, naming the problem but never an address', async () => {
    const { calls, addresses } = fakeAddresses();
    const event = sesBounceEvent(['secret@customer.test']);
    (event.detail.bounce as Record<string, unknown>).bounceType = 'Sideways';

    const run = handleSesEvent(event, { addresses });

    await expect(run).rejects.toThrow(InvalidSesEventError);
    await expect(run).rejects.toThrow(/detail\.bounce\.bounceType/);
    await expect(run).rejects.not.toThrow(/secret@/);
    expect(calls).toEqual([]);
  });

  it('rejects events from another source', async () => {
    const { addresses } = fakeAddresses();
    const event = { ...sesBounceEvent(['x@customer.test']), source: 'crm' };

    await expect(handleSesEvent(event, { addresses })).rejects.toThrow(/source/);
  });

  it('is triggered, in the jobs table and on the local bus, by exactly the events it understands', () => {
    const job = jobNamed('ses-events');

    expect(job?.trigger).toEqual({
      kind: 'event',
      pattern: { source: [SES_EVENT_SOURCE], 'detail-type': [...SES_FEEDBACK_DETAIL_TYPES] },
    });
    expect(job?.needs).toEqual({ table: 'write' });
    expect(targetsOf(sesBounceEvent(['x@customer.test'])).map((j) => j.name)).toEqual(['ses-events']);
    expect(targetsOf({ source: 'aws.ses', 'detail-type': 'Email Delivered' })).toEqual([]);
  });
});
