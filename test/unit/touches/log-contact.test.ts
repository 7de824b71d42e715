import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Account, Touch } from '../../../functions/core/account.ts';
import {
  CONTACT_LOGGED,
  contactLoggedSchema,
  EVENT_SOURCE,
} from '../../../functions/core/events/account-health.ts';
import type { DomainEvent } from '../../../functions/core/events/ports.ts';
import { type ActionLink, performOwnerAction } from '../../../functions/core/health/owner-actions.ts';
import { hashToken } from '../../../functions/core/survey/tokens.ts';
import { logContact } from '../../../functions/core/touches/log-contact.ts';
import { targetsOf } from '../../../functions/local/bus.ts';

const NOW = new Date('2026-11-20T15:30:00Z');

function fakes() {
  const touches: Touch[] = [];
  const events: DomainEvent[] = [];
  const accounts = {
    recordTouch: async (touch: Touch) => {
      touches.push(touch);
      return { accountId: touch.accountId, name: 'Acme' } as Account;
    },
  };
  return {
    touches,
    events,
    accounts,
    publisher: { publish: async (e: DomainEvent[]) => void events.push(...e) },
  };
}

describe('logContact', () => {
  it('records the touch and publishes Contact Logged with ids and kinds only', async () => {
    const f = fakes();
    const touch: Touch = {
      accountId: 'A-1',
      at: NOW.toISOString(),
      kind: 'note',
      note: 'Call with Dana',
      source: 'cli',
    };

    await logContact({ accounts: f.accounts, events: f.publisher }, touch, NOW);

    expect(f.touches).toEqual([touch]);
    expect(f.events).toEqual([
      {
        detailType: CONTACT_LOGGED,
        detail: { accountId: 'A-1', at: NOW.toISOString(), kind: 'note', source: 'cli' },
        time: NOW,
      },
    ]);
    expect(contactLoggedSchema().safeParse(f.events[0]?.detail).success).toBe(true);
    expect(JSON.stringify(f.events)).not.toContain('Dana');
  });

  it('keeps the contact when the bus refuses the event, and reports it', async () => {
    const f = fakes();
    const failures: string[] = [];
    await logContact(
      {
        accounts: f.accounts,
        events: { publish: async () => Promise.reject(new Error('bus down')) },
        onError: (where) => failures.push(where),
      },
      { accountId: 'A-1', at: NOW.toISOString(), kind: 'note', source: 'cli' },
      NOW,
    );
    expect(f.touches).toHaveLength(1);
    expect(failures).toEqual(['publish-event']);
  });

  it('is not read back by the CRM consumer (its source is the tool, not crm)', () => {
    expect(targetsOf({ source: EVENT_SOURCE, 'detail-type': CONTACT_LOGGED })).toEqual([]);
  });
});

describe('an owner marking an account contacted', () => {
  it('publishes Contact Logged', async () => {
    const f = fakes();
    const body = 'A'.repeat(24);
    const token = body + createHash('sha256').update(`ah-link:${body}`).digest('base64url').slice(0, 4);
    const link: ActionLink = {
      action: 'mark-contacted',
      accountId: 'A-1',
      ownerEmail: 'owner@example.com',
      validUntil: '2026-12-01T00:00:00Z',
    };
    const done = await performOwnerAction(token, {
      actionLinks: {
        findAction: async (hash) => (hash === hashToken(token) ? link : undefined),
        markUsed: async () => true,
      },
      accounts: {
        ...f.accounts,
        getAccount: async () =>
          ({ accountId: 'A-1', name: 'Acme', ownerEmail: 'owner@example.com' }) as Account,
        updateAccount: async () => ({}) as Account,
      },
      events: f.publisher,
      clock: () => NOW,
    });

    expect(done.outcome).toBe('done');
    expect(f.events.map((e) => [e.detailType, e.detail.accountId, e.detail.source])).toEqual([
      [CONTACT_LOGGED, 'A-1', 'owner-action'],
    ]);
  });
});
