import type { SurveyKind } from '../../config/settings.ts';
import type { Account, Contact, Touch } from '../account.ts';
import type { TouchDate } from '../touches/touch-dates.ts';
import type { AddressFacts, MessageKind } from './plan-outreach.ts';

/** What the send path needs from the outside world, as narrow structural ports. */

/** A survey's one reminder, waiting in the due index until its time. */
export interface SurveyReminder {
  accountId: string;
  surveyId: string;
  contactEmail: string;
  contactName?: string | undefined;
  kind: SurveyKind;
  /** When the reminder is due (ISO instant); moved on when it has to wait. */
  remindAt: string;
  surveySentAt: string;
}

export interface DuePageResult {
  accounts: Account[];
  reminders: SurveyReminder[];
  /** Due personal touches; absent where a source has none. */
  touches?: TouchDate[] | undefined;
  itemsRead: number;
  next?: Record<string, unknown> | undefined;
}

export interface OutreachAccounts {
  queryDueShard(
    shard: number,
    now: Date,
    startKey?: Record<string, unknown>,
    limit?: number,
  ): Promise<DuePageResult>;
  getAccount(accountId: string): Promise<Account | undefined>;
  getContacts(accountId: string): Promise<Contact[]>;
  updateAccount(
    accountId: string,
    change: (current: Account) => Partial<Account>,
    now: Date,
  ): Promise<Account>;
}

export interface OutreachAddresses {
  getMany(emails: string[]): Promise<Map<string, AddressFacts>>;
}

export interface SendKey {
  accountId: string;
  kind: MessageKind;
  /** The due time that triggered the send: the same for every retry of one cycle. */
  cycle: string;
}

export type ClaimResult =
  | { outcome: 'claimed'; claimId: string }
  /** The recipient's fatigue budget was spent by another send first (e.g. for another account). */
  | { outcome: 'fatigued' }
  | { outcome: 'already-sent'; messageId?: string | undefined; sentAt?: string | undefined }
  | { outcome: 'in-flight'; leaseExpiresAt: string };

/**
 * Spending a contact's fatigue budget together with the claim, so two sends to one address (two
 * accounts sharing a contact, two workers) can never both pass the budget check.
 */
export interface BudgetReservation {
  recipient: string;
  /** The budget allows a message when the last one was at or before this instant. */
  messageCutoff: Date;
  /** Set for surveys: the last survey must be at or before this instant. */
  surveyCutoff?: Date | undefined;
}

export interface Completion {
  messageId: string;
  sentAt: Date;
  /** The timeline entry of the send; none for mail that belongs to no account (the owner digest). */
  touch?: Touch | undefined;
  /** A survey's reminder, put into the due index with the completion. */
  reminder?: SurveyReminder | undefined;
}

export interface ReminderPort {
  isAnswered(accountId: string, surveyId: string): Promise<boolean>;
  reschedule(reminder: SurveyReminder, until: Date): Promise<void>;
  /** Records on the survey that its reminder went out. */
  markSent(reminder: SurveyReminder, at: Date): Promise<void>;
  remove(reminder: SurveyReminder): Promise<void>;
}

export interface Ledger {
  claim(key: SendKey, now: Date, leaseMs: number, budget?: BudgetReservation): Promise<ClaimResult>;
  complete(key: SendKey, claimId: string, completion: Completion): Promise<void>;
  release(key: SendKey, claimId: string): Promise<void>;
}

/** Mints the links an email carries. Tokens exist in clear only inside the email. */
export interface LinkMinter {
  unsubscribeUrl(input: { accountId: string; contactEmail: string; now: Date }): Promise<string>;
  surveyUrl(input: {
    surveyId: string;
    account: Account;
    contact: Contact;
    kind: SurveyKind;
    now: Date;
  }): Promise<string>;
}

/** Moves or removes a personal touch waiting in the due index. */
export interface TouchDatePort {
  reschedule(touch: TouchDate): Promise<void>;
  remove(touch: TouchDate): Promise<void>;
}
