import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { ActionLinks } from '../../functions/adapters/dynamodb/action-links.ts';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client.ts';
import { SendLedger } from '../../functions/adapters/dynamodb/send-ledger.ts';
import { SurveyStore } from '../../functions/adapters/dynamodb/survey-store.ts';
import { StoreLinkMinter } from '../../functions/adapters/link-minter.ts';
import { changedAccount } from '../../functions/core/account.ts';
import { ClaimLostError, type SendKey } from '../../functions/core/ports.ts';
import { daysBefore, importRecord } from '../support/builders.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';

/** The ledger's completion moves the account on, and its claim writes the email's link tokens. */

const NOW = new Date('2026-11-18T10:00:00.000Z');
const LEASE = 60_000;

let t: TestTable;
let ledger: SendLedger;
let surveys: SurveyStore;
let minter: StoreLinkMinter;
beforeAll(async () => {
  t = await createTestTable('send-ledger');
  ledger = new SendLedger(t.db, t.runtime.tableName, t.settings.dueShards);
  surveys = new SurveyStore(t.db, t.runtime.tableName);
  minter = new StoreLinkMinter(
    surveys,
    'http://links.test',
    t.settings,
    new ActionLinks(t.db, t.runtime.tableName, 'http://links.test'),
  );
});
afterAll(async () => t?.drop());

async function dueAccount(id: string) {
  await importRecords(t.store, [importRecord(id, { lastContactAt: daysBefore(NOW, 40) })], {
    now: new Date(NOW.getTime() - 40 * 86_400_000),
  });
  const account = await t.store.getAccount(id);
  if (!account) throw new Error('not imported');
  return account;
}

const statusOf = async (key: SendKey) =>
  (
    await t.db.send(
      new GetCommand({
        TableName: t.runtime.tableName,
        Key: { pk: `SEND#${key.accountId}`, sk: `${key.kind}#${key.cycle}` },
      }),
    )
  ).Item?.status;

describe('SendLedger', () => {
  it('moves the account to its next cycle in the completing write', async () => {
    const account = await dueAccount('L1');
    const key: SendKey = { accountId: 'L1', kind: 'check-in', cycle: account.nextDueAt };
    const claim = await ledger.claim(key, NOW, LEASE, 'ana@l1.test');
    if (claim.outcome !== 'claimed') throw new Error(claim.outcome);
    const next = changedAccount(account, { lastOutreachAt: NOW.toISOString() }, t.settings, NOW);

    const done = await ledger.complete(key, claim.claimId, {
      messageId: 'm-1',
      sentAt: NOW,
      account: { next, expectedVersion: account.version },
    });

    expect(done.accountWritten).toBe(true);
    expect(await statusOf(key)).toBe('sent');
    const stored = await t.store.getAccount('L1');
    expect(stored?.lastOutreachAt).toBe(NOW.toISOString());
    expect(stored?.version).toBe(account.version + 1);
    expect((stored?.nextDueAt ?? '') > NOW.toISOString()).toBe(true);
  });

  it('completes the send without the account when another writer changed it, and says so', async () => {
    const account = await dueAccount('L2');
    const key: SendKey = { accountId: 'L2', kind: 'check-in', cycle: account.nextDueAt };
    const claim = await ledger.claim(key, NOW, LEASE, 'ana@l2.test');
    if (claim.outcome !== 'claimed') throw new Error(claim.outcome);
    await t.store.updateAccount('L2', () => ({ deferReason: 'someone else wrote' }), NOW);
    const next = changedAccount(account, { lastOutreachAt: NOW.toISOString() }, t.settings, NOW);

    const done = await ledger.complete(key, claim.claimId, {
      messageId: 'm-2',
      sentAt: NOW,
      account: { next, expectedVersion: account.version },
    });

    expect(done.accountWritten).toBe(false);
    expect(await statusOf(key)).toBe('sent');
    const stored = await t.store.getAccount('L2');
    expect(stored?.deferReason).toBe('someone else wrote');
    expect(stored?.lastOutreachAt).toBeUndefined();
  });

  it('writes the email’s unsubscribe token with the claim, and none for a claim refused', async () => {
    const key: SendKey = { accountId: 'L3', kind: 'check-in', cycle: NOW.toISOString() };
    const minted: string[] = [];
    const links = (recipient: string) => {
      const link = minter.unsubscribeLink({ accountId: 'L3', contactEmail: recipient, now: NOW });
      minted.push(link.tokenHash);
      return [link];
    };

    const first = await ledger.claim(key, NOW, LEASE, 'ana@l3.test', undefined, links);
    const second = await ledger.claim(key, NOW, LEASE, 'ana@l3.test', undefined, links);

    expect(first.outcome).toBe('claimed');
    expect(second.outcome).toBe('in-flight');
    expect(minted).toHaveLength(2);
    const [written, refused] = await Promise.all(
      minted.map((h) => surveys.findLink(h, { consistent: true })),
    );
    expect(written).toMatchObject({ purpose: 'unsubscribe', accountId: 'L3', contactEmail: 'ana@l3.test' });
    expect(refused).toBeUndefined();
  });
});

describe('SendLedger under a passing store error', () => {
  it('retries the completion after SES accepted, so the takeover never sends it again', async () => {
    const key: SendKey = { accountId: 'L4', kind: 'check-in', cycle: NOW.toISOString() };
    const claim = await ledger.claim(key, NOW, LEASE, 'ana@l4.test');
    if (claim.outcome !== 'claimed') throw new Error(claim.outcome);
    // DynamoDB throttles the completing transaction three times, past the SDK's own retries.
    const db = createDocumentClient(t.runtime);
    let throttled = 0;
    db.middlewareStack.add(
      ((next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        const items = (args as { input?: { TransactItems?: Array<{ Update?: unknown }> } }).input
          ?.TransactItems;
        if (items?.[0]?.Update && throttled < 3) {
          throttled++;
          throw Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
            name: 'ThrottlingException',
            $metadata: { httpStatusCode: 400 },
          });
        }
        return next(args);
      }) as never,
      { step: 'initialize', name: 'throttle-completions' },
    );

    await new SendLedger(db, t.runtime.tableName, 1).complete(key, claim.claimId, {
      messageId: 'm-4',
      sentAt: NOW,
    });

    expect(throttled).toBe(3);
    expect(await statusOf(key)).toBe('sent');
    const takeover = await ledger.claim(key, new Date(NOW.getTime() + 10 * LEASE), LEASE, 'ana@l4.test');
    expect(takeover.outcome).toBe('already-sent');
  });

  it('does not retry a completion whose claim was taken over', async () => {
    const key: SendKey = { accountId: 'L5', kind: 'check-in', cycle: NOW.toISOString() };
    const stale = await ledger.claim(key, NOW, LEASE, 'ana@l5.test');
    const later = new Date(NOW.getTime() + 2 * LEASE);
    const current = await ledger.claim(key, later, LEASE, 'ana@l5.test');
    if (stale.outcome !== 'claimed' || current.outcome !== 'claimed') throw new Error('not claimed');

    await expect(
      ledger.complete(key, stale.claimId, { messageId: 'm-5', sentAt: later }),
    ).rejects.toBeInstanceOf(ClaimLostError);
    expect(await statusOf(key)).toBe('claimed');
  });
});
