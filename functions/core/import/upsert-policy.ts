import { createHash } from 'node:crypto';
import type { Settings } from '../../config/settings.ts';
import {
  type Account,
  type AccountProfile,
  type Contact,
  deriveAccount,
  type ImportRecord,
} from '../account.ts';

/**
 * What an import upsert means, whatever store it lands in: an account whose import hash is
 * unchanged is left alone; any other is derived again (tier, due time) from the imported profile
 * and the account as it stands, and the attributes the import does not own are carried over.
 */

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Every field of a profile and of a contact, in a fixed order (checked complete by the compiler). */
const PROFILE_FIELDS: Record<keyof AccountProfile, true> = {
  accountId: true,
  name: true,
  ownerEmail: true,
  ownerName: true,
  managerEmail: true,
  annualRevenue: true,
  marginPct: true,
  employees: true,
  strategic: true,
  tierOverride: true,
  segment: true,
  products: true,
  timeZone: true,
  customerSince: true,
  renewalDate: true,
  language: true,
  contactLanguages: true,
};
const PROFILE_KEYS = Object.keys(PROFILE_FIELDS) as (keyof AccountProfile)[];
const CONTACT_FIELDS: Record<keyof Contact, true> = {
  accountId: true,
  email: true,
  name: true,
  role: true,
  phone: true,
  birthday: true,
  primary: true,
};
const CONTACT_KEYS = Object.keys(CONTACT_FIELDS) as (keyof Contact)[];

const fingerprints = new WeakMap<Settings, string>();
/** The settings an account's tier and due time derive from. */
function settingsFingerprint(settings: Settings): string {
  let f = fingerprints.get(settings);
  if (f === undefined) {
    const { tiering, cadence, defaultTimeZone, dueShards } = settings;
    f = JSON.stringify({ tiering, cadence, defaultTimeZone, dueShards });
    fingerprints.set(settings, f);
  }
  return f;
}

/**
 * The hash of what an import says about an account, and of the settings its tier and due time
 * derive from: a change of either makes the account be written again. Contacts in any order.
 */
export function importHashOf(record: ImportRecord, settings: Settings): string {
  const contacts = record.contacts
    .map((c) => CONTACT_KEYS.map((k) => c[k] ?? null))
    .sort((a, b) => (String(a[1]) < String(b[1]) ? -1 : String(a[1]) > String(b[1]) ? 1 : 0));
  const text = JSON.stringify([
    1,
    settingsFingerprint(settings),
    PROFILE_KEYS.map((k) => record.profile[k] ?? null),
    contacts,
    record.lastContactAt ?? null,
  ]);
  return createHash('sha256').update(text).digest('base64url');
}

/** One import names each account once. */
export function assertDistinctAccounts(records: readonly ImportRecord[]): void {
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.profile.accountId))
      throw new Error(`importRecords: account ${r.profile.accountId} is given more than once`);
    seen.add(r.profile.accountId);
  }
}

/**
 * Attributes the import decides. Any other attribute on an existing account (state that other
 * features keep there) is carried over, since the upsert replaces the whole account.
 */
const IMPORT_OWNED: Partial<Record<keyof Account, true>> = {
  ...PROFILE_FIELDS,
  lastContactAt: true,
  lastContactKind: true,
};

/** The attributes of a stored account that the import leaves as they are. */
export function carriedOver(previous: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!previous) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(previous)) if (!(k in IMPORT_OWNED)) out[k] = v;
  return out;
}

/** An account as the import left it: with the hash of the import that wrote it. */
export type ImportedAccount = Account & { importHash?: string | undefined };

export type UpsertPlan =
  | { kind: 'unchanged' }
  /** `account` carries the new import hash; `previous` is undefined for a new account. */
  | { kind: 'put'; account: ImportedAccount; previous: ImportedAccount | undefined };

/** What importing `record` does to the account as it stands (`previous`), at `now`. */
export function planUpsert(
  record: ImportRecord,
  previous: ImportedAccount | undefined,
  importHash: string,
  settings: Settings,
  now: Date,
): UpsertPlan {
  if (previous && previous.importHash === importHash) return { kind: 'unchanged' };
  const account = deriveAccount(
    keepGiven(record.profile, previous),
    previous,
    settings,
    now,
    record.lastContactAt,
  );
  return { kind: 'put', account: { ...account, importHash }, previous };
}

/**
 * Absent means "not given", never "erase": a row (or an `Account Upserted`) without the owner's
 * name or manager keeps what the account had, as long as the owner is the same.
 */
function keepGiven(given: AccountProfile, previous: Account | undefined): AccountProfile {
  if (!previous) return given;
  const languages = { ...previous.contactLanguages, ...given.contactLanguages };
  const profile: AccountProfile = {
    ...given,
    language: given.language ?? previous.language,
    contactLanguages: Object.keys(languages).length ? languages : undefined,
  };
  if (previous.ownerEmail.toLowerCase() !== profile.ownerEmail.toLowerCase()) return profile;
  return {
    ...profile,
    ownerName: profile.ownerName ?? previous.ownerName,
    managerEmail: profile.managerEmail ?? previous.managerEmail,
  };
}

/** Counts the planned puts into created and updated. */
export function tally(
  counts: ImportCounts,
  puts: readonly { previous: Account | undefined }[],
): ImportCounts {
  for (const p of puts) {
    if (p.previous === undefined) counts.created++;
    else counts.updated++;
  }
  return counts;
}
