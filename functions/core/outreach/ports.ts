import type { Settings } from '../../config/settings.ts';
import type { Account, Contact } from '../account.ts';
import type { SurveyKind } from '../domain/vocabulary.ts';
import type { CHECK_IN_SENT, OWNER_ALERTED, SURVEY_SENT } from '../events/account-health.ts';
import type { Publisher } from '../events/ports.ts';
import type { Clock, Ledger, Mailer, MintedLink, SendKey } from '../ports.ts';
import type { OptOutScope } from '../survey/survey.ts';
import type { TouchDate } from '../touches/touch-dates.ts';
import type { AddressFacts } from './plan-outreach.ts';

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

/** An address as the send path reads it: the facts planning needs, and which send spent its budget last. */
export type AddressState = AddressFacts & { budgetHeldBy?: SendKey | undefined };

export interface OutreachAddresses {
  getMany(emails: string[]): Promise<Map<string, AddressState>>;
}

export interface ReminderPort {
  isAnswered(accountId: string, surveyId: string): Promise<boolean>;
  reschedule(reminder: SurveyReminder, until: Date): Promise<void>;
  /** Records on the survey that its reminder went out. */
  markSent(reminder: SurveyReminder, at: Date): Promise<void>;
  remove(reminder: SurveyReminder): Promise<void>;
}

/** Mints the links an email carries. Tokens exist in clear only inside the email. */
export interface LinkMinter {
  /**
   * An unsubscribe link for one email: minted here, written with the send's claim (`SendRequest.links`).
   * `language`: the contact's (BCP 47), so the page behind the link speaks it too. `scope: 'surveys'`
   * (a survey email's link) opts out of surveys only; by default, of all mail.
   */
  unsubscribeLink(input: {
    accountId: string;
    contactEmail: string;
    now: Date;
    language?: string | undefined;
    scope?: OptOutScope | undefined;
  }): MintedLink;
  surveyUrl(input: {
    surveyId: string;
    account: Account;
    contact: Contact;
    kind: SurveyKind;
    now: Date;
    language?: string | undefined;
  }): Promise<string>;
  /** The owner's one-click "Mark review held" link in a quarterly-review reminder. */
  reviewHeldUrl(input: { account: Account; now: Date }): Promise<string>;
}

/** Moves or removes a personal touch waiting in the due index. */
export interface TouchDatePort {
  reschedule(touch: TouchDate): Promise<void>;
  remove(touch: TouchDate): Promise<void>;
}

/** The events a tick publishes. */
export type EventsPort = Publisher<typeof CHECK_IN_SENT | typeof SURVEY_SENT | typeof OWNER_ALERTED>;

/** Everything one tick of the scheduler uses. */
export interface ScanDeps {
  accounts: OutreachAccounts;
  addresses: OutreachAddresses;
  ledger: Ledger;
  /** How long a send's claim is held (the job's timeout and a margin); see sendClaimed. */
  leaseMs?: number | undefined;
  reminders: ReminderPort;
  /** Personal touches waiting in the due index; without it, due touches are left alone. */
  touchDates?: TouchDatePort | undefined;
  mailer: Mailer;
  links: LinkMinter;
  events: EventsPort;
  settings: Settings;
  /** Wall time, for the run's deadline (the tick's `now` is fixed for the whole run). */
  clock: Clock;
  /** Reports a failure without personal data. */
  onError?: (where: string, accountId: string | undefined, error: unknown) => void;
}
