import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import { type SendKey, SendOutcomeUnknownError } from '../../../functions/core/ports.ts';
import { type SendRequest, sendClaimed } from '../../../functions/core/send/send-claimed.ts';
import { FakeLedger, FakeMailer } from '../../support/fakes.ts';

const settings = parseSettings({});
const NOW = new Date('2026-11-18T10:00:00.000Z');
const DAY = 86_400_000;
const KEY: SendKey = { accountId: 'A1', kind: 'check-in', cycle: '2026-11-18T09:00:00.000Z' };

function setup() {
  const ledger = new FakeLedger();
  const mailer = new FakeMailer();
  const request = (over: Partial<SendRequest> = {}): SendRequest => ({
    email: 'check-in',
    key: KEY,
    now: NOW,
    recipient: 'ada@example.com',
    fatigue: { recipient: 'ada@example.com' },
    compose: async () => ({
      to: 'ada@example.com',
      subject: 'Hello',
      html: '<p>Hi</p>',
      text: 'Hi',
      tags: {},
    }),
    touch: { accountId: 'A1', at: NOW.toISOString(), kind: 'check-in', note: 'Sent to Ada', source: 'scan' },
    ...over,
  });
  return { ledger, mailer, deps: { ledger, mailer, settings }, request };
}

describe('sendClaimed', () => {
  it('sends a claimed email once and completes the claim with its message id and timeline entry', async () => {
    const { ledger, mailer, deps, request } = setup();

    const outcome = await sendClaimed(deps, request());

    expect(outcome).toEqual({ outcome: 'sent', messageId: 'msg-1', accountWritten: false });
    expect(mailer.sent.map((e) => e.to)).toEqual(['ada@example.com']);
    expect(ledger.status(KEY)).toBe('sent');
    expect(ledger.completions).toHaveLength(1);
    expect(ledger.completions[0]).toMatchObject({
      messageId: 'msg-1',
      sentAt: NOW,
      touch: { kind: 'check-in', note: 'Sent to Ada' },
    });
  });

  it('never sends a key a previous run sent, and says when that was', async () => {
    const { ledger, mailer, deps, request } = setup();
    ledger.markSent(KEY, '2026-11-18T09:30:00.000Z', 'm-0');

    const outcome = await sendClaimed(deps, request());

    expect(outcome).toEqual({
      outcome: 'already-sent',
      messageId: 'm-0',
      sentAt: '2026-11-18T09:30:00.000Z',
    });
    expect(mailer.sent).toEqual([]);
  });

  it('leaves a key to the run that holds it while its lease lasts', async () => {
    const { ledger, mailer, deps, request } = setup();
    ledger.holdClaim(KEY, '2026-11-18T10:05:00.000Z');

    const outcome = await sendClaimed(deps, request());

    expect(outcome).toEqual({ outcome: 'in-flight', leaseExpiresAt: '2026-11-18T10:05:00.000Z' });
    expect(mailer.sent).toEqual([]);
  });

  it('takes a key over once the lease of the run that claimed it has expired', async () => {
    const { ledger, mailer, deps, request } = setup();
    ledger.holdClaim(KEY, '2026-11-18T09:59:00.000Z');

    const outcome = await sendClaimed(deps, request());

    expect(outcome.outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends nothing to a contact whose fatigue budget another send spent within the minimum gap', async () => {
    const { ledger, mailer, deps, request } = setup();
    ledger.spendBudget('ada@example.com', new Date(NOW.getTime() - 3 * DAY).toISOString());

    const outcome = await sendClaimed(deps, request());

    expect(outcome).toEqual({ outcome: 'fatigued' });
    expect(mailer.sent).toEqual([]);
    expect(ledger.status(KEY)).toBeUndefined();
  });

  it('holds a survey to the survey budget, which a check-in does not spend', async () => {
    const { ledger, mailer, deps, request } = setup();
    ledger.spendBudget('ada@example.com', new Date(NOW.getTime() - 30 * DAY).toISOString(), { survey: true });
    const survey = { ...KEY, kind: 'survey' };

    const surveyed = await sendClaimed(
      deps,
      request({ key: survey, fatigue: { recipient: 'ada@example.com', survey: true } }),
    );
    const checkedIn = await sendClaimed(deps, request());

    expect(surveyed.outcome).toBe('fatigued');
    expect(checkedIn.outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('spends no budget on mail to an owner', async () => {
    const { ledger, mailer, deps, request } = setup();
    ledger.spendBudget('owner@example.com', NOW.toISOString());

    const outcome = await sendClaimed(deps, request({ fatigue: undefined }));

    expect(outcome.outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('gives the claim back when sending fails, so the next run sends at once', async () => {
    const { ledger, mailer, deps, request } = setup();
    const refused = new Error('SES refused');
    mailer.failWith(refused);

    const failed = await sendClaimed(deps, request());
    mailer.failWith(undefined);
    const retried = await sendClaimed(deps, request());

    expect(failed).toEqual({ outcome: 'failed', error: refused });
    expect(ledger.releases).toEqual([KEY]);
    expect(retried.outcome).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('keeps the claim when the mail service may have accepted the email, until its lease runs out', async () => {
    const { ledger, mailer, deps, request } = setup();
    const lost = new SendOutcomeUnknownError(new Error('socket hang up'));
    mailer.failWith(lost);

    const failed = await sendClaimed(deps, request());
    mailer.failWith(undefined);
    const retriedInsideLease = await sendClaimed(deps, request({ now: new Date(NOW.getTime() + 60_000) }));
    const takenOver = await sendClaimed(deps, request({ now: new Date(NOW.getTime() + DAY) }));

    expect(failed).toEqual({ outcome: 'failed', error: lost });
    expect(ledger.releases).toEqual([]);
    expect(retriedInsideLease.outcome).toBe('in-flight');
    expect(takenOver.outcome).toBe('sent');
    expect(mailer.sent.map((e) => e.to)).toEqual(['ada@example.com']);
  });

  it('gives the claim back when composing the email fails, and sends nothing', async () => {
    const { ledger, mailer, deps, request } = setup();

    const outcome = await sendClaimed(
      deps,
      request({
        compose: async () => {
          throw new Error('link store down');
        },
      }),
    );

    expect(outcome.outcome).toBe('failed');
    expect(mailer.sent).toEqual([]);
    expect(ledger.status(KEY)).toBeUndefined();
  });

  it('composes only while holding the claim', async () => {
    const { ledger, deps, request } = setup();
    ledger.markSent(KEY, '2026-11-18T09:30:00.000Z');
    let composed = 0;

    await sendClaimed(
      deps,
      request({
        compose: async () => {
          composed++;
          return { to: 'ada@example.com', subject: 's', html: 'h', text: 't', tags: {} };
        },
      }),
    );

    expect(composed).toBe(0);
  });
});
