import type { Settings, Tier } from '../config/settings.ts';
import { decideTier } from './tiering.ts';
import { addCadence } from './time.ts';

/** What the business tells us about an account (import, CRM events). */
export interface AccountProfile {
  accountId: string;
  name: string;
  ownerEmail: string;
  ownerName?: string | undefined;
  managerEmail?: string | undefined;
  annualRevenue?: number | undefined;
  marginPct?: number | undefined;
  employees?: number | undefined;
  strategic: boolean;
  tierOverride?: Tier | undefined;
  segment?: string | undefined;
  products: string[];
  /** IANA zone of the account; contacts inherit it. */
  timeZone?: string | undefined;
  /** YYYY-MM-DD. */
  customerSince?: string | undefined;
  /** YYYY-MM-DD. */
  renewalDate?: string | undefined;
}

export type TouchKind = 'note' | 'import' | 'check-in' | 'survey' | 'survey-answer' | 'reply' | 'crm';

/** What the tool keeps track of for an account. */
export interface Account extends AccountProfile {
  tier: Tier;
  tierReason: string;
  /** ISO instant of the last contact of any kind. */
  lastContactAt?: string | undefined;
  lastContactKind?: TouchKind | undefined;
  /** ISO instant at which the account is next due for outreach. */
  nextDueAt: string;
  createdAt: string;
  updatedAt: string;
  /** Optimistic-lock counter, incremented by every write. */
  version: number;
}

export interface Contact {
  accountId: string;
  /** Lower-cased; a contact's identity within its account. */
  email: string;
  name?: string | undefined;
  role?: string | undefined;
  /** MM-DD. */
  birthday?: string | undefined;
  primary: boolean;
}

export interface Touch {
  accountId: string;
  at: string;
  kind: TouchKind;
  note?: string | undefined;
  /** Who or what recorded it (an owner email, "import", "scan"). */
  source?: string | undefined;
}

export function accountTimeZone(account: Pick<AccountProfile, 'timeZone'>, settings: Settings): string {
  return account.timeZone ?? settings.defaultTimeZone;
}

/**
 * When an account is next due: its tier's cadence after the last contact, or at once when no
 * contact is on record.
 */
export function nextDueAt(
  account: Pick<Account, 'tier' | 'lastContactAt' | 'timeZone'>,
  settings: Settings,
  now: Date,
): Date {
  if (!account.lastContactAt) return now;
  return addCadence(
    new Date(account.lastContactAt),
    settings.cadence[account.tier],
    accountTimeZone(account, settings),
  );
}

/**
 * Derives the tool's view of an account from its profile, keeping what it already knew
 * (last contact, creation time). Pure: the store decides how to write it.
 */
export function deriveAccount(
  profile: AccountProfile,
  previous: Account | undefined,
  settings: Settings,
  now: Date,
  importedLastContactAt?: string,
): Account {
  const { tier, reason } = decideTier(profile, settings.tiering);
  const candidates = [previous?.lastContactAt, importedLastContactAt].filter((x): x is string => !!x);
  const latest = candidates.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const lastContactKind =
    latest && latest === previous?.lastContactAt ? previous.lastContactKind : latest ? 'import' : undefined;
  const base = { ...profile, tier, lastContactAt: latest, timeZone: profile.timeZone };
  return {
    ...base,
    tierReason: reason,
    lastContactKind,
    nextDueAt: nextDueAt(base, settings, now).toISOString(),
    createdAt: previous?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    version: (previous?.version ?? 0) + 1,
  };
}

/** One account and its contacts as an import (CSV, JSON, CRM event or demo data) describes them. */
export interface ImportRecord {
  profile: AccountProfile;
  contacts: Contact[];
  /** A last contact the source knows of (ISO instant); kept only when newer than ours. */
  lastContactAt?: string | undefined;
}
