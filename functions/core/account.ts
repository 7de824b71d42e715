import type { Settings } from '../config/settings.ts';
import type { SurveyKind, Tier, TouchKind } from './domain/vocabulary.ts';
import { relationshipSurveyDueAt } from './outreach/tier-policy.ts';
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
  /** BCP 47, canonical: the language of the account's contacts unless a contact has its own. */
  language?: string | undefined;
  /**
   * Each contact's own language (BCP 47), by lower-cased address. Kept on the account, which every
   * send reads anyway, so a re-import that leaves a language out keeps it (absent is "not given").
   */
  contactLanguages?: Readonly<Record<string, string>> | undefined;
}

export type HealthBand = 'green' | 'yellow' | 'red';

/** An account's health as last computed: a score with the reasons that produced it. */
export interface HealthSnapshot {
  /** 0-100, higher is healthier. */
  score: number;
  band: HealthBand;
  /** Human-readable, most important first: "detractor 3/10 on 12 Nov", "no contact for 61 days, cadence 30 days". */
  reasons: string[];
  computedAt: string;
  /** The latest survey answer it saw, for listings. */
  latestSurvey?: { kind: SurveyKind; score: number; answeredAt: string } | undefined;
}

/** Why an account is at risk, from when, and whether its owner has taken it on. */
export interface RiskState {
  since: string;
  reasons: string[];
  acknowledgedAt?: string | undefined;
  /** The risk holds until then (its newest signal ages out); every new signal can extend it. */
  until?: string | undefined;
  /** Cohort evidence when the risk is inherited from a cohort signal (same product or segment). */
  cohort?: string[] | undefined;
}

/** Automated outreach to the account's contacts held back, open-endedly, until someone resumes it. */
export interface OutreachPause {
  /** ISO instant the pause began. */
  since: string;
  /** Why (a negotiation, an incident): shown wherever the pause is. */
  reason: string;
  /** Who paused it: the CLI, a CRM event. */
  source: string;
}

/** What the tool keeps track of for an account. */
export interface Account extends AccountProfile {
  health?: HealthSnapshot | undefined;
  /** Set while the account is at risk; cleared (with Account Recovered) when its signals clear. */
  risk?: RiskState | undefined;
  tier: Tier;
  tierReason: string;
  /** ISO instant of the last contact of any kind. */
  lastContactAt?: string | undefined;
  lastContactKind?: TouchKind | undefined;
  /** ISO instant of the last message the tool sent for this account (check-in, survey, owner note). */
  lastOutreachAt?: string | undefined;
  lastOutreachKind?: string | undefined;
  /** ISO instant of the last survey the tool sent for this account (its relationship-survey clock). */
  lastSurveySentAt?: string | undefined;
  /** Set while automated outreach to the account's contacts is paused; owner mail goes on. */
  pause?: OutreachPause | undefined;
  /** Outreach held back until then (business hours, fatigue budget); cleared by the next send. */
  deferredUntil?: string | undefined;
  deferReason?: string | undefined;
  /**
   * Outreach brought forward to this instant (a cohort signal); it counts only until the next
   * contact or outreach after it, and never before a deferral ends.
   */
  expediteAt?: string | undefined;
  /** ISO instant at which the account is next due for outreach: derived, see `nextDueAt`. */
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
  /** As given (import `contact_phone`), shown to the owner in alerts; never used to send anything. */
  phone?: string | undefined;
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

type DueFacts = Pick<Account, 'tier' | 'lastContactAt' | 'timeZone'> &
  Partial<
    Pick<Account, 'lastOutreachAt' | 'deferredUntil' | 'expediteAt' | 'createdAt' | 'lastSurveySentAt'>
  >;

/**
 * When an account is next due for contact: its tier's cadence after the later of its last contact
 * and the last outreach the tool sent, or at once when neither is on record; earlier when outreach
 * was brought forward (`expediteAt`, until a contact or outreach after it).
 */
export function contactDueAt(account: DueFacts, settings: Settings, now: Date): Date {
  const zone = accountTimeZone(account, settings);
  const cadence = settings.cadence[account.tier];
  const anchors = [account.lastContactAt, account.lastOutreachAt].filter((x): x is string => !!x);
  const due = anchors.length
    ? new Date(Math.max(...anchors.map((a) => addCadence(new Date(a), cadence, zone).getTime())))
    : now;
  const expedite = account.expediteAt ? Date.parse(account.expediteAt) : Number.NaN;
  if (expedite < due.getTime() && !anchors.some((a) => Date.parse(a) >= expedite)) return new Date(expedite);
  return due;
}

/**
 * When an account is next due: the earlier of its contact due time (`contactDueAt`) and its
 * relationship survey (a check-in tier that asks formally too, core/outreach/tier-policy.ts); never
 * before a deferral ends. Every writer derives the due time through this one rule.
 */
export function nextDueAt(account: DueFacts, settings: Settings, now: Date): Date {
  let due = contactDueAt(account, settings, now);
  const survey = account.createdAt
    ? relationshipSurveyDueAt({ ...account, createdAt: account.createdAt }, settings)
    : undefined;
  if (survey && survey < due) due = survey;
  const deferred = account.deferredUntil ? Date.parse(account.deferredUntil) : 0;
  return deferred > due.getTime() ? new Date(deferred) : due;
}

/**
 * The account after `change`, as every writer stores it: one version on, updated now, its due time
 * derived again by the one rule (`nextDueAt`).
 */
export function changedAccount(
  current: Account,
  change: Partial<Account>,
  settings: Settings,
  now: Date,
): Account {
  const updated: Account = {
    ...current,
    ...change,
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  updated.nextDueAt = nextDueAt(updated, settings, now).toISOString();
  return updated;
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
  const base = {
    ...profile,
    tier,
    lastContactAt: latest,
    timeZone: profile.timeZone,
    lastOutreachAt: previous?.lastOutreachAt,
    lastOutreachKind: previous?.lastOutreachKind,
    lastSurveySentAt: previous?.lastSurveySentAt,
    pause: previous?.pause,
    deferredUntil: previous?.deferredUntil,
    deferReason: previous?.deferReason,
    expediteAt: previous?.expediteAt,
    health: previous?.health,
    risk: previous?.risk,
    createdAt: previous?.createdAt ?? now.toISOString(),
  };
  return {
    ...base,
    tierReason: reason,
    lastContactKind,
    nextDueAt: nextDueAt(base, settings, now).toISOString(),
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
