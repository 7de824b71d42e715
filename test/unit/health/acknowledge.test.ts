import { describe, expect, it } from 'vitest';
import type { Touch } from '../../../functions/core/account.ts';
import { handleCrmEvent } from '../../../functions/core/crm/apply-crm-event.ts';
import { CRM_EVENT_SOURCE } from '../../../functions/core/events/crm.ts';
import { escalateAndRecover } from '../../../functions/core/health/escalation.ts';
import { type ActionLink, performOwnerAction } from '../../../functions/core/health/owner-actions.ts';
import type { NegativeSignal, OpenAlert } from '../../../functions/core/health/ports.ts';
import { hashToken, mintToken } from '../../../functions/core/survey/tokens.ts';
import { logContact } from '../../../functions/core/touches/log-contact.ts';
import { anAccount, type FakeAccounts, FakeEvents, fakeHealth, frozenClock } from '../../support/fakes.ts';

/**
 * Issue #14: the manager hears only if the owner did nothing. Every way the owner can act
 * acknowledges the open alert, through one rule (core/health/acknowledge.ts).
 */
const ALERTED = '2026-11-17T09:00:00.000Z';
const ACTED = new Date('2026-11-17T15:00:00.000Z');
const ESCALATION_RUN = new Date('2026-11-18T10:00:00.000Z');

function setup() {
  const account = anAccount('A1', {
    managerEmail: 'max@example.com',
    lastContactAt: '2026-11-01T09:00:00.000Z',
    risk: { since: ALERTED, reasons: ['detractor 1/5'], until: '2026-12-17T08:00:00.000Z' },
  });
  const { deps, store, records, mailer } = fakeHealth({ accounts: [account], now: ESCALATION_RUN });
  const signal: NegativeSignal = {
    signalId: 'sig-1',
    accountId: 'A1',
    kind: 'detractor',
    at: '2026-11-17T08:00:00.000Z',
    score: 1,
    surveyKind: 'csat',
    source: 'survey',
    recordedAt: ALERTED,
  };
  const alert: OpenAlert = {
    accountId: 'A1',
    signalId: 'sig-1',
    alertedAt: ALERTED,
    escalateAt: '2026-11-18T09:00:00.000Z',
  };
  records.signals.set('A1|sig-1', signal);
  records.openAlerts.set('A1|sig-1', alert);
  return { store, deps, mailer };
}

/** Carries out an owner action link the way the HTTP function does. */
async function clickAction(store: FakeAccounts, action: ActionLink['action']) {
  const token = mintToken((n) => Buffer.alloc(n, 7));
  const links = new Map<string, ActionLink>([
    [
      hashToken(token),
      { action, accountId: 'A1', ownerEmail: 'owner@owners.test', validUntil: '2026-12-17T00:00:00.000Z' },
    ],
  ]);
  await performOwnerAction(token, {
    actionLinks: {
      findAction: async (h) => links.get(h),
      markUsed: async () => true,
    },
    accounts: store,
    events: new FakeEvents(),
    clock: frozenClock(ACTED),
  });
}

const acts: Array<[string, (store: FakeAccounts) => Promise<unknown>]> = [
  ["I'm on it", (store) => clickAction(store, 'acknowledge')],
  ['Mark contacted', (store) => clickAction(store, 'mark-contacted')],
  [
    'log-contact',
    (store) =>
      logContact(
        { accounts: store, events: new FakeEvents() },
        { accountId: 'A1', at: ACTED.toISOString(), kind: 'note', note: 'Called João', source: 'cli' },
        ACTED,
      ),
  ],
  [
    'a CRM Contact Logged after the alert',
    (store) =>
      handleCrmEvent(
        {
          accountExists: async (id) => !!(await store.getAccount(id)),
          importAccount: async () => 'unchanged',
          hasTouch: async () => false,
          recordTouch: (touch: Touch, now: Date) => store.recordTouch(touch, now),
          recordComplaint: async () => 'unchanged' as const,
          pauses: store,
          deadLetter: async () => {},
        },
        {
          version: '0',
          id: 'evt-1',
          'detail-type': 'Contact Logged',
          source: CRM_EVENT_SOURCE,
          account: '000000000000',
          time: ACTED.toISOString(),
          region: 'us-east-1',
          resources: [],
          detail: { account_id: 'A1', at: ACTED.toISOString(), channel: 'call' },
        },
        ACTED,
      ),
  ],
];

describe('acknowledging an owner alert', () => {
  it('escalates to the manager when the owner did nothing', async () => {
    const { deps, mailer } = setup();
    expect(await escalateAndRecover(deps, ESCALATION_RUN)).toMatchObject({ escalated: 1 });
    expect(mailer.sent.map((m) => m.to)).toEqual(['max@example.com']);
  });

  it.each(acts)('%s acknowledges it: the manager is not told', async (_name, act) => {
    const { store, deps, mailer } = setup();
    await act(store);
    expect((await store.getAccount('A1'))?.risk?.acknowledgedAt).toBe(ACTED.toISOString());
    expect(await escalateAndRecover(deps, ESCALATION_RUN)).toMatchObject({ escalated: 0, closed: 1 });
    expect(mailer.sent).toEqual([]);
  });

  it('a contact back-dated to before the alert, or a survey answer, acknowledges nothing', async () => {
    const { store, deps, mailer } = setup();
    const before = '2026-11-16T12:00:00.000Z';
    await store.recordTouch({ accountId: 'A1', at: before, kind: 'note', source: 'cli' }, ACTED);
    await store.recordTouch({ accountId: 'A1', at: ACTED.toISOString(), kind: 'survey-answer' }, ACTED);
    expect(await escalateAndRecover(deps, ESCALATION_RUN)).toMatchObject({ escalated: 1 });
    expect(mailer.sent).toHaveLength(1);
  });
});
