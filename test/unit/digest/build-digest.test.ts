import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import type { Account, Contact } from '../../../functions/core/account.ts';
import { buildDigest, type DigestItem } from '../../../functions/core/digest/build-digest.ts';
import { digestPeriodAt } from '../../../functions/core/digest/schedule.ts';
import { recordNegativeSignal } from '../../../functions/core/health/negative-signal.ts';
import { scanDueAccounts } from '../../../functions/core/outreach/scan-due-accounts.ts';
import { anAccount, fakeHealth, fakeScan } from '../../support/fakes.ts';

const settings = parseSettings({});
const DAY = 86_400_000;

function digestOf(accounts: Account[], now: Date, timeZone: string) {
  return buildDigest({
    owner: { email: 'owner@example.com' },
    accounts,
    contacts: new Map(),
    responses: [],
    since: new Date(now.getTime() - 7 * DAY),
    period: digestPeriodAt(now, timeZone, settings).period,
    timeZone,
    now,
    settings,
  });
}

const item = (digest: ReturnType<typeof digestOf>, section: string): DigestItem | undefined =>
  digest.sections.find((s) => s.id === section)?.items[0];

describe('buildDigest', () => {
  it("dates every line of an at-risk card in the owner's zone, the reasons too (#14)", async () => {
    // 03:00 UTC on 29 Nov is the evening of 28 Nov in Los Angeles, where the owner's book is.
    const zone = 'America/Los_Angeles';
    const at = new Date('2026-11-29T03:00:00.000Z');
    const { deps, store } = fakeHealth({ accounts: [anAccount('A1', { timeZone: zone })], now: at });
    await recordNegativeSignal(deps, {
      accountId: 'A1',
      kind: 'complaint',
      at,
      source: 'crm',
      externalId: 'T-1',
    });
    const account = store.accounts.get('A1') as Account;

    const card = item(digestOf([account], new Date('2026-11-30T17:00:00.000Z'), zone), 'at-risk');

    const lines = [card?.headline, ...(card?.details ?? [])].join('\n');
    expect(lines).toContain('complaint on 28 Nov');
    expect(lines).toContain('At risk since 28 Nov');
    expect(lines).not.toContain('29 Nov');
  });

  it('says a check-in went out for an overdue key account the scan just emailed (#14)', async () => {
    // Last heard from 40 days ago (cadence 30): overdue; the tick at 10:00 on 18 Nov sends a check-in.
    const now = new Date('2026-11-18T10:00:00.000Z');
    const account = anAccount('A1', {
      lastContactAt: new Date(now.getTime() - 40 * DAY).toISOString(),
      nextDueAt: new Date(now.getTime() - 10 * DAY).toISOString(),
    });
    const contact: Contact = { accountId: 'A1', email: 'ana@a1.example', name: 'Ana', primary: true };
    const { deps, index, mailer } = fakeScan({ accounts: [account], contacts: [contact], now });
    await scanDueAccounts(deps, { now });
    expect(mailer.sent).toHaveLength(1);

    const row = item(
      digestOf([index.accounts.get('A1') as Account], new Date(now.getTime() + DAY), 'UTC'),
      'overdue',
    );

    expect(row?.headline).toBe('Check-in sent 18 Nov, no reply yet');
    expect(row?.details[0]).toBe('11 days overdue');
  });

  it('keeps the plain overdue row when nothing went out since the account became due', () => {
    const now = new Date('2026-11-19T10:00:00.000Z');
    const account = anAccount('A1', {
      lastContactAt: new Date(now.getTime() - 41 * DAY).toISOString(),
      lastOutreachAt: new Date(now.getTime() - 35 * DAY).toISOString(),
      lastOutreachKind: 'check-in',
    });

    const row = item(digestOf([account], now, 'UTC'), 'overdue');

    expect(row?.headline).toBe('11 days overdue');
  });
});
