import type { Account, Touch } from './account.ts';
import type { SurveyReminder } from './outreach/ports.ts';
import type { LinkToken } from './survey/survey.ts';

/**
 * The ports every use case shares: the mailer, the send ledger, the clock and the source of
 * randomness. Adapters implement them (`adapters/ses`, `adapters/dynamodb/send-ledger.ts`); the
 * core never reaches the outside world, the wall clock or the OS random generator but through these.
 */

/** The current instant. Injected so use cases run on frozen time in tests and on the job's time in production. */
export type Clock = () => Date;

/** Cryptographically secure random bytes (node's `randomBytes` satisfies it). */
export type RandomBytes = (size: number) => Uint8Array;

/** One email as the core renders it; the mailer adds the envelope (the configured sender). */
export interface OutgoingEmail {
  to: string;
  /** Display name shown in From (the account owner); the address is always the configured sender. */
  fromName?: string | undefined;
  replyTo?: string | undefined;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Array<{ name: string; value: string }> | undefined;
  /** SES message tags; the adapter sanitises the values. */
  tags: Record<string, string>;
}

/**
 * The mail service may or may not have accepted the email: the request went out and no answer came
 * back (a timeout, a connection cut mid-request). The send path keeps its claim until the lease
 * runs out, so the takeover sends at most once more, to the same person, instead of at once.
 */
export class SendOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super('The mail service did not answer; the email may or may not have been accepted', { cause });
    this.name = 'SendOutcomeUnknownError';
  }
}

/** The claim a run held was taken over before the run completed it: its completion is refused. */
export class ClaimLostError extends Error {
  constructor(readonly key: SendKey) {
    super(`send ${key.kind} for ${key.accountId} lost its claim before completing`);
    this.name = 'ClaimLostError';
  }
}

export interface Mailer {
  /**
   * Waits for a slot of the sending rate. The send path calls it before claiming, so a claim is
   * taken only right before its send and a crash strands at most the sends in flight; the next
   * `send` uses the slot granted here.
   */
  pace?(): Promise<void>;
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/**
 * What makes a send happen once: the same key for every retry of one cycle. `kind` is named by the
 * use case that sends (e.g. 'check-in', 'digest'); it is an open string so a new kind of email is
 * declared where its use case is, not in a central list.
 */
export interface SendKey {
  accountId: string;
  kind: string;
  /** The due time that triggered the send: the same for every retry of one cycle. */
  cycle: string;
}

/**
 * A link token minted for one email, written with the send's claim: it exists before the email
 * does, and only for a send that goes out (a claim refused writes nothing). The token is in clear
 * only inside `url`; the store keeps its hash.
 */
export interface MintedLink {
  url: string;
  tokenHash: string;
  link: LinkToken;
}

export type ClaimResult =
  /**
   * The key is held for the lease. `recipient` is whom the claim is for: the requested one, or,
   * when an expired claim was taken over, the one the stranded claim recorded (a retry mails the
   * same person or nobody).
   */
  | { outcome: 'claimed'; claimId: string; recipient: string }
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
  /**
   * The account moved on with the send (its next cycle), written in the same step only if the
   * account is still at `expectedVersion`; when another writer got there first the completion
   * happens without it (`accountWritten: false`) and the use case moves the account itself.
   */
  account?: AccountAdvance | undefined;
}

export interface AccountAdvance {
  next: Account;
  expectedVersion: number;
}

export interface CompletionResult {
  /** True when `Completion.account` was written with the completion. */
  accountWritten: boolean;
}

/**
 * The send ledger (adapters/dynamodb/send-ledger.ts): claim before sending, complete after, release
 * on failure. A claim records the recipient and the message (its key: kind and cycle, from which
 * the use case renders the same email again); a claim whose lease expired without completion is
 * taken over by the next claim of its key, which keeps the stranded claim's recipient and the
 * fatigue budget it spent.
 */
export interface Ledger {
  claim(
    key: SendKey,
    now: Date,
    leaseMs: number,
    recipient: string,
    budget?: BudgetReservation,
    /** Links the email for this recipient carries, written with the claim (called again for a takeover's recipient). */
    links?: (recipient: string) => readonly MintedLink[],
  ): Promise<ClaimResult>;
  complete(key: SendKey, claimId: string, completion: Completion): Promise<CompletionResult>;
  release(key: SendKey, claimId: string): Promise<void>;
}
