import type { Settings } from '../../config/settings.ts';
import type { Account, Contact, Touch } from '../account.ts';
import type { SurveyKind } from '../domain/vocabulary.ts';
import type { ACCOUNT_AT_RISK, ACCOUNT_RECOVERED } from '../events/account-health.ts';
import type { DomainEvent, Publisher } from '../events/ports.ts';
import type { Clock, Ledger, Mailer } from '../ports.ts';
import type { HealthInput } from './health-score.ts';

/** What the health and risk use cases need from the outside world, as narrow structural ports. */

export type CohortDimension = 'product' | 'segment';
export type SignalKind = 'detractor' | 'complaint';

/** A negative signal as stored: a detractor answer or a complaint. */
export interface NegativeSignal {
  signalId: string;
  accountId: string;
  kind: SignalKind;
  /** ISO instant the signal happened (answered, filed). */
  at: string;
  score?: number | undefined;
  surveyKind?: SurveyKind | undefined;
  /** The customer's words, shown to the owner (escaped) and never logged or put in events. */
  comment?: string | undefined;
  source: string;
  externalId?: string | undefined;
  recordedAt: string;
}

/** An owner alert waiting for acknowledgement; escalated to the manager at `escalateAt`. */
export interface OpenAlert {
  accountId: string;
  signalId: string;
  alertedAt: string;
  escalateAt: string;
}

export interface CohortEntry {
  accountId: string;
  signalId: string;
  kind: SignalKind;
  at: string;
}

export interface MemberRef {
  accountId: string;
  tier: string;
}

export interface AtRiskRef {
  accountId: string;
  until: string;
}

export interface HealthRecords {
  /** Stores a signal; false when it was stored before (the same signal delivered again). */
  putSignal(signal: NegativeSignal): Promise<boolean>;
  getSignal(accountId: string, signalId: string): Promise<NegativeSignal | undefined>;
  /** Signals and surveys of one account (one Query), as the score's input. */
  loadHealthInput(account: Account, now: Date): Promise<HealthInput>;
  putCohortSignal(dimension: CohortDimension, value: string, entry: CohortEntry): Promise<void>;
  listCohortSignals(dimension: CohortDimension, value: string, from: Date, to: Date): Promise<CohortEntry[]>;
  /**
   * The cohort episode current at `now`: opens one when none is open (an episode lasts the cohort
   * window), so every signal of one burst maps to the same episode.
   */
  currentEpisode(dimension: CohortDimension, value: string, now: Date): Promise<{ openedAt: string }>;
  listKeyMembers(dimension: CohortDimension, value: string): Promise<MemberRef[]>;
  putOpenAlert(alert: OpenAlert): Promise<void>;
  listDueAlerts(now: Date): Promise<OpenAlert[]>;
  deleteOpenAlert(alert: OpenAlert): Promise<void>;
  /** Keeps the at-risk listing in step with the account's risk (`until`: when it runs out). */
  setAtRisk(accountId: string, until: string, previousUntil?: string | undefined): Promise<void>;
  clearAtRisk(accountId: string, until: string): Promise<void>;
  /** At-risk accounts whose risk has run out by `now`. */
  listRiskDue(now: Date): Promise<AtRiskRef[]>;
  listAtRisk(): Promise<AtRiskRef[]>;
  getOwner(
    email: string,
  ): Promise<{ email: string; name?: string | undefined; managerEmail?: string | undefined } | undefined>;
}

export interface RiskAccounts {
  getAccount(accountId: string): Promise<Account | undefined>;
  getContacts?(accountId: string): Promise<Contact[]>;
  /** The account's latest timeline entries, newest first (for the owner's alert). */
  recentTouches?(accountId: string, limit: number): Promise<Touch[]>;
  /** The owner's book, for the owner's zone (the zone most of their accounts use). */
  listAccountsByOwner?(ownerEmail: string): Promise<Account[]>;
  updateAccount(
    accountId: string,
    change: (current: Account) => Partial<Account>,
    now: Date,
  ): Promise<Account>;
  recordTouch(touch: Touch, now: Date): Promise<Account>;
}

export type OwnerAction = 'acknowledge' | 'mark-contacted' | 'snooze' | 'review-held';

/** The email an owner action link was sent in: what a contact logged by its click says it came from. */
export type ActionOrigin = 'alert' | 'cohort-alert' | 'escalation' | 'digest' | 'review-reminder';

/** Mints owner action links (ActionLinks in the DynamoDB adapter). */
export interface ActionLinkIssuer {
  issue(input: {
    action: OwnerAction;
    accountId: string;
    ownerEmail: string;
    expiresAt: Date;
    snoozeDays?: number;
    origin: ActionOrigin;
  }): Promise<string>;
}

export type RiskEvent = DomainEvent<typeof ACCOUNT_AT_RISK | typeof ACCOUNT_RECOVERED>;

export interface HealthDeps {
  accounts: RiskAccounts;
  records: HealthRecords;
  ledger: Ledger;
  /** How long a send's claim is held (the job's timeout and a margin); see sendClaimed. */
  leaseMs?: number | undefined;
  mailer: Mailer;
  links: ActionLinkIssuer;
  events: Publisher<RiskEvent['detailType']>;
  settings: Settings;
  clock: Clock;
  /** Reports a failure without personal data. */
  onError?: ((where: string, accountId: string | undefined, error: unknown) => void) | undefined;
}
