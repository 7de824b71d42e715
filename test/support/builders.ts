// Types only: a test that must set process.env before loading handler modules can import this first.
import type { AccountProfile, Contact, ImportRecord } from '../../functions/core/account.ts';

export const DAY = 86_400_000;

/** The ISO instant `days` days before `from`. */
export const daysBefore = (from: Date, days: number): string =>
  new Date(from.getTime() - days * DAY).toISOString();

/**
 * A profile as an import brings it: "Company <id>", owned by Olivia Owner, 300k revenue (a key
 * account under the default tiering rules), one product, in UTC. Override what the test is about.
 */
export function accountProfile(accountId: string, over: Partial<AccountProfile> = {}): AccountProfile {
  return {
    accountId,
    name: `Company ${accountId}`,
    ownerEmail: 'owner@owners.test',
    ownerName: 'Olivia Owner',
    annualRevenue: 300_000,
    strategic: false,
    products: ['Ledger'],
    timeZone: 'UTC',
    ...over,
  };
}

/** A contact of `accountId`, primary unless told otherwise. */
export function contact(
  accountId: string,
  email: string,
  over: Partial<Omit<Contact, 'accountId'>> = {},
): Contact {
  return { accountId, email, primary: true, ...over };
}

/**
 * An import record: `accountProfile(id, profile)`, one primary contact (Ana Lima, ana@<id>.test)
 * unless `contacts` are given, and the last contact the source knows of, if any.
 */
export function importRecord(
  accountId: string,
  o: { profile?: Partial<AccountProfile>; contacts?: Contact[]; lastContactAt?: string } = {},
): ImportRecord {
  return {
    profile: accountProfile(accountId, o.profile),
    contacts: o.contacts ?? [contact(accountId, `ana@${accountId}.test`, { name: 'Ana Lima' })],
    lastContactAt: o.lastContactAt,
  };
}

/**
 * An EventBridge envelope as a rule hands it to a Lambda. `over` replaces any field, with a wrong
 * type too, for tests of the parsing.
 */
export const eventEnvelope = (
  source: string,
  detailType: string,
  detail: unknown,
  over: Record<string, unknown> = {},
) => ({
  version: '0',
  id: 'evt-1',
  'detail-type': detailType,
  source,
  account: '000000000000',
  time: '2026-11-22T11:59:00Z',
  region: 'us-east-1',
  resources: [],
  detail,
  ...over,
});
