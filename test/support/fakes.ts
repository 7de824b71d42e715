/**
 * Plain in-memory fakes of the core's ports, for unit tests of the use cases: no DynamoDB, no SES,
 * no module spies. Each keeps what it was given in public fields the test can read and arrange.
 */

import { parseSettings } from '../../functions/config/settings.ts';
import type { Account, Contact, Touch } from '../../functions/core/account.ts';
import { applyTouch } from '../../functions/core/health/acknowledge.ts';
import type { HealthInput } from '../../functions/core/health/health-score.ts';
import type {
  AtRiskRef,
  CohortDimension,
  CohortEntry,
  HealthDeps,
  HealthRecords,
  MemberRef,
  NegativeSignal,
  OpenAlert,
  OwnerAction,
  RiskEvent,
} from '../../functions/core/health/ports.ts';
import type { AddressFacts } from '../../functions/core/outreach/plan-outreach.ts';
import type {
  AddressState,
  DuePageResult,
  EventsPort,
  ScanDeps,
  SurveyReminder,
} from '../../functions/core/outreach/ports.ts';
import {
  type BudgetReservation,
  ClaimLostError,
  type ClaimResult,
  type Clock,
  type Completion,
  type CompletionResult,
  type Ledger,
  type Mailer,
  type MintedLink,
  type OutgoingEmail,
  type SendKey,
} from '../../functions/core/ports.ts';
import type { TouchDate } from '../../functions/core/touches/touch-dates.ts';
import { accountProfile } from './builders.ts';

/** A clock stopped at `at`; `advance` moves it on. */
export function frozenClock(at: Date | string): Clock & { advance(ms: number): void } {
  let now = new Date(at);
  const clock = () => new Date(now);
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return Object.assign(clock, { advance });
}

const keyText = (key: SendKey) => `${key.accountId}|${key.kind}|${key.cycle}`;

interface LedgerEntry {
  key: SendKey;
  status: 'claimed' | 'sent';
  claimId: string;
  leaseExpiresAt?: string | undefined;
  messageId?: string | undefined;
  sentAt?: string | undefined;
  recipient?: string | undefined;
}

/**
 * The send ledger's rules in memory: a key is claimed once (or taken over after its lease), the
 * recipient's budget is spent with the claim, completion records the touch and the reminder.
 */
export class FakeLedger implements Ledger {
  readonly entries = new Map<string, LedgerEntry>();
  /** Per recipient (lower-cased): when the last message and survey were claimed, and for which key. */
  readonly budgets = new Map<string, { lastMessageAt?: string; lastSurveyAt?: string; key?: string }>();
  readonly completions: Array<{ key: SendKey } & Completion> = [];
  readonly releases: SendKey[] = [];
  /** Link tokens written with claims. */
  readonly links: MintedLink[] = [];
  private claims = 0;

  async claim(
    key: SendKey,
    now: Date,
    leaseMs: number,
    requested: string,
    requestedBudget?: BudgetReservation,
    links?: (recipient: string) => readonly MintedLink[],
  ): Promise<ClaimResult> {
    const old = this.entries.get(keyText(key));
    if (old?.status === 'sent')
      return { outcome: 'already-sent', messageId: old.messageId, sentAt: old.sentAt };
    if (old && (old.leaseExpiresAt ?? '') >= now.toISOString())
      return { outcome: 'in-flight', leaseExpiresAt: old.leaseExpiresAt ?? '' };
    // A stranded claim is taken over for the person it recorded, never for a newly chosen one.
    const to = (old?.recipient ?? requested).toLowerCase();
    const budget = requestedBudget && { ...requestedBudget, recipient: to };
    if (budget) {
      const recipient = budget.recipient.toLowerCase();
      const spent = this.budgets.get(recipient) ?? {};
      const mine = spent.key === keyText(key);
      const messageOk = !spent.lastMessageAt || spent.lastMessageAt <= budget.messageCutoff.toISOString();
      const surveyOk =
        !budget.surveyCutoff ||
        !spent.lastSurveyAt ||
        spent.lastSurveyAt <= budget.surveyCutoff.toISOString();
      if (!mine && !(messageOk && surveyOk)) return { outcome: 'fatigued' };
      this.budgets.set(recipient, {
        lastMessageAt: now.toISOString(),
        lastSurveyAt: budget.surveyCutoff ? now.toISOString() : spent.lastSurveyAt,
        key: keyText(key),
      });
    }
    // The email's links are written with the claim, as the real ledger does.
    this.links.push(...(links?.(to) ?? []));
    const claimId = `claim-${++this.claims}`;
    this.entries.set(keyText(key), {
      key,
      status: 'claimed',
      claimId,
      leaseExpiresAt: new Date(now.getTime() + leaseMs).toISOString(),
      recipient: to,
    });
    return { outcome: 'claimed', claimId, recipient: to };
  }

  /**
   * The accounts a completion moves on (`Completion.account`), as the real ledger writes the
   * account item in the completing transaction; without them the use case moves the account itself.
   */
  accounts: FakeAccounts | undefined;

  async complete(key: SendKey, claimId: string, completion: Completion): Promise<CompletionResult> {
    const entry = this.entries.get(keyText(key));
    if (entry?.claimId !== claimId) throw new ClaimLostError(key);

    const advance = completion.account;
    const current = advance && this.accounts?.accounts.get(advance.next.accountId);
    const accountWritten = current?.version === advance?.expectedVersion && advance !== undefined;
    if (accountWritten) this.accounts?.accounts.set(advance.next.accountId, advance.next);
    this.entries.set(keyText(key), {
      ...entry,
      status: 'sent',
      leaseExpiresAt: undefined,
      messageId: completion.messageId,
      sentAt: completion.sentAt.toISOString(),
    });
    this.completions.push({ key, ...completion });
    return { accountWritten };
  }

  async release(key: SendKey, claimId: string): Promise<void> {
    const entry = this.entries.get(keyText(key));
    if (entry?.claimId === claimId && entry.status === 'claimed') this.entries.delete(keyText(key));
    this.releases.push(key);
  }

  /** Arrange: a previous run sent this key. */
  markSent(key: SendKey, sentAt: string, messageId = 'earlier-message'): void {
    this.entries.set(keyText(key), { key, status: 'sent', claimId: 'earlier', messageId, sentAt });
  }

  /** Arrange: another run holds this key until `leaseExpiresAt`. */
  holdClaim(key: SendKey, leaseExpiresAt: string): void {
    this.entries.set(keyText(key), { key, status: 'claimed', claimId: 'other-run', leaseExpiresAt });
  }

  /** Arrange: another send spent the recipient's budget at `at`. */
  spendBudget(recipient: string, at: string, opts: { survey?: boolean } = {}): void {
    this.budgets.set(recipient.toLowerCase(), {
      lastMessageAt: at,
      ...(opts.survey ? { lastSurveyAt: at } : {}),
      key: 'another-send',
    });
  }

  status(key: SendKey): LedgerEntry['status'] | undefined {
    return this.entries.get(keyText(key))?.status;
  }
}

/** Collects what would have gone out; `failWith` makes the next sends throw. */
export class FakeMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  private failure: { error: Error; onlyTo?: string | undefined } | undefined;

  /** Makes sends throw `error` (only those to `onlyTo` when given); `undefined` heals it. */
  failWith(error: Error | undefined, onlyTo?: string): void {
    this.failure = error && { error, onlyTo };
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    if (this.failure && (!this.failure.onlyTo || this.failure.onlyTo === email.to)) throw this.failure.error;
    this.sent.push(email);
    return { messageId: `msg-${this.sent.length}` };
  }

  to(address: string): OutgoingEmail[] {
    return this.sent.filter((e) => e.to === address);
  }
}

/** Collects published events. */
export class FakeEvents<E extends { detailType: string; detail: Record<string, unknown> }> {
  readonly published: E[] = [];
  async publish(events: E[]): Promise<void> {
    this.published.push(...events);
  }
  types(): string[] {
    return this.published.map((e) => e.detailType);
  }
}

/** Accounts, contacts and the timeline, as the outreach, health and digest use cases read them. */
export class FakeAccounts {
  readonly accounts = new Map<string, Account>();
  readonly contacts = new Map<string, Contact[]>();
  readonly touches: Touch[] = [];

  constructor(accounts: Account[] = [], contacts: Contact[] = []) {
    for (const a of accounts) this.accounts.set(a.accountId, a);
    for (const c of contacts) this.contacts.set(c.accountId, [...(this.contacts.get(c.accountId) ?? []), c]);
  }

  async getAccount(accountId: string): Promise<Account | undefined> {
    return this.accounts.get(accountId);
  }

  async getContacts(accountId: string): Promise<Contact[]> {
    return this.contacts.get(accountId) ?? [];
  }

  async updateAccount(
    accountId: string,
    change: (current: Account) => Partial<Account>,
    _now: Date,
  ): Promise<Account> {
    const current = this.accounts.get(accountId);
    if (!current) throw new Error(`no account ${accountId}`);
    const updated = { ...current, ...change(current), version: current.version + 1 };
    this.accounts.set(accountId, updated);
    return updated;
  }

  /** Like the store: the touch goes on the timeline and is applied by the one core rule. */
  async recentTouches(accountId: string, limit: number): Promise<Touch[]> {
    return this.touches
      .filter((t) => t.accountId === accountId)
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, limit);
  }

  async recordTouch(touch: Touch, _now: Date): Promise<Account> {
    this.touches.push(touch);
    const account = this.accounts.get(touch.accountId);
    if (!account) throw new Error(`no account ${touch.accountId}`);
    const updated = { ...account, ...applyTouch(account, touch) };
    this.accounts.set(touch.accountId, updated);
    return updated;
  }

  /** Like the store: the change and its timeline entry together; nothing when `decide` says so. */
  async changeWithTouch(
    accountId: string,
    decide: (current: Account) => { change: Partial<Account>; touch: Touch } | undefined,
    _now: Date,
  ): Promise<{ account: Account; changed: boolean }> {
    const current = this.accounts.get(accountId);
    if (!current)
      throw Object.assign(new Error(`No account with id ${accountId}`), {
        name: 'AccountNotFoundError',
        accountId,
      });
    const step = decide(current);
    if (!step) return { account: current, changed: false };
    const updated = { ...current, ...step.change, version: current.version + 1 };
    this.accounts.set(accountId, updated);
    this.touches.push(step.touch);
    return { account: updated, changed: true };
  }

  async listOwners(): Promise<Array<{ email: string; name?: string | undefined }>> {
    const owners = new Map<string, { email: string; name?: string | undefined }>();
    for (const a of this.accounts.values())
      owners.set(a.ownerEmail, { email: a.ownerEmail, name: a.ownerName });
    return [...owners.values()];
  }

  async listAccountsByOwner(ownerEmail: string): Promise<Account[]> {
    return [...this.accounts.values()].filter((a) => a.ownerEmail.toLowerCase() === ownerEmail.toLowerCase());
  }
}

/**
 * The due index of the scan: accounts, reminders and touches put in one shard, served one page
 * (of everything) per query; `failShard` makes one shard's query throw.
 */
export class FakeDueIndex extends FakeAccounts {
  readonly due: { accounts: string[]; reminders: SurveyReminder[]; touches: TouchDate[] } = {
    accounts: [],
    reminders: [],
    touches: [],
  };
  failingShard: number | undefined;
  /** Serve only the arranged accounts whose next-due time has come (as the real index does). */
  dueByTime = false;

  async queryDueShard(shard: number, now?: Date): Promise<DuePageResult> {
    if (shard === this.failingShard) throw new Error(`shard ${shard} unavailable`);
    if (shard !== 0) return { accounts: [], reminders: [], touches: [], itemsRead: 0 };
    // As the sparse index: a paused account has no due keys. With `dueByTime`, an account moved on
    // to its next cycle is no longer due.
    const accounts = this.due.accounts
      .map((id) => this.accounts.get(id))
      .filter(
        (a) =>
          a !== undefined &&
          a.pause === undefined &&
          (!this.dueByTime || !now || a.nextDueAt <= now.toISOString()),
      ) as Account[];
    // A touch moved on to its next occurrence is no longer due.
    const touches = this.due.touches.filter((t) => !now || t.dueAt <= now.toISOString());
    return {
      accounts,
      reminders: [...this.due.reminders],
      touches,
      itemsRead: accounts.length + this.due.reminders.length + touches.length,
    };
  }
}

/** The personal touches of a fake due index: moved to their next occurrence, or removed. */
export class FakeTouchDates {
  constructor(private readonly index: FakeDueIndex) {}
  private same = (a: TouchDate, b: TouchDate) =>
    a.accountId === b.accountId && a.kind === b.kind && a.contactEmail === b.contactEmail;
  async reschedule(touch: TouchDate): Promise<void> {
    const list = this.index.due.touches;
    const i = list.findIndex((t) => this.same(t, touch));
    if (i >= 0) list[i] = touch;
    else list.push(touch);
  }
  async remove(touch: TouchDate): Promise<void> {
    const list = this.index.due.touches;
    const i = list.findIndex((t) => this.same(t, touch));
    if (i >= 0) list.splice(i, 1);
  }
}

/**
 * What is known about each address (opt-outs, bounces, the last message). Given the ledger, the
 * budget its claims spent shows here too, as the address item shows it in DynamoDB.
 */
export class FakeAddresses {
  readonly facts = new Map<string, AddressFacts>();
  constructor(private readonly ledger?: FakeLedger) {}
  set(facts: AddressFacts): void {
    this.facts.set(facts.email.toLowerCase(), facts);
  }
  async getMany(emails: string[]): Promise<Map<string, AddressState>> {
    const out = new Map<string, AddressState>();
    for (const e of emails) {
      const email = e.toLowerCase();
      const f = this.facts.get(email);
      const spent = this.ledger?.budgets.get(email);
      if (!f && !spent) continue;
      out.set(email, {
        email,
        ...f,
        ...(spent?.lastMessageAt ? { lastMessageAt: spent.lastMessageAt } : {}),
        ...(spent?.lastSurveyAt ? { lastSurveyAt: spent.lastSurveyAt } : {}),
        budgetHeldBy: spent?.key ? parseKeyText(spent.key) : undefined,
      });
    }
    return out;
  }
}

function parseKeyText(text: string): SendKey | undefined {
  const [accountId, kind, ...cycle] = text.split('|');
  return accountId && kind && cycle.length ? { accountId, kind, cycle: cycle.join('|') } : undefined;
}

/** Survey reminders waiting in the due index, and which surveys are answered. */
export class FakeReminders {
  readonly answered = new Set<string>();
  readonly rescheduled: Array<{ reminder: SurveyReminder; until: Date }> = [];
  readonly markedSent: SurveyReminder[] = [];
  readonly removed: SurveyReminder[] = [];
  async isAnswered(accountId: string, surveyId: string): Promise<boolean> {
    return this.answered.has(`${accountId}|${surveyId}`);
  }
  async reschedule(reminder: SurveyReminder, until: Date): Promise<void> {
    this.rescheduled.push({ reminder, until });
  }
  async markSent(reminder: SurveyReminder): Promise<void> {
    this.markedSent.push(reminder);
  }
  async remove(reminder: SurveyReminder): Promise<void> {
    this.removed.push(reminder);
  }
}

/** Links that say what they point at, so a test can find them in the email. */
export const fakeLinks = {
  unsubscribeLink(input: {
    accountId: string;
    contactEmail: string;
    now: Date;
    scope?: 'all' | 'surveys' | undefined;
  }): MintedLink {
    const scope = input.scope === 'surveys' ? '?surveys-only' : '';
    return {
      url: `https://example.test/u/${input.accountId}/${input.contactEmail}${scope}`,
      tokenHash: `hash-${input.accountId}-${input.contactEmail}`,
      link: {
        purpose: 'unsubscribe',
        accountId: input.accountId,
        contactEmail: input.contactEmail,
        validUntil: new Date(input.now.getTime() + 400 * 86_400_000).toISOString(),
        scope: input.scope === 'surveys' ? 'surveys' : undefined,
      },
    };
  },
  async surveyUrl(input: { surveyId: string; account: Account }) {
    return `https://example.test/s/${input.account.accountId}/${input.surveyId}`;
  },
  async reviewHeldUrl(input: { account: Account }) {
    return `https://example.test/a/review-held/${input.account.accountId}`;
  },
};

/** Owner action links that record what was issued. */
export class FakeActionLinks {
  readonly issued: Array<{
    action: string;
    accountId: string;
    ownerEmail: string;
    expiresAt: Date;
    origin?: string;
  }> = [];
  async issue(input: {
    action: OwnerAction | string;
    accountId: string;
    ownerEmail: string;
    expiresAt: Date;
    origin?: string;
  }): Promise<string> {
    this.issued.push(input);
    return `https://example.test/a/${input.action}/${input.accountId}/${this.issued.length}`;
  }
}

/** The health and risk records of one table, in memory. */
export class FakeHealthRecords implements HealthRecords {
  readonly signals = new Map<string, NegativeSignal>();
  readonly cohort: Array<{ dimension: CohortDimension; value: string; entry: CohortEntry }> = [];
  readonly episodes = new Map<string, { openedAt: string }>();
  readonly members: Array<{ dimension: CohortDimension; value: string } & MemberRef> = [];
  readonly openAlerts = new Map<string, OpenAlert>();
  readonly atRisk = new Map<string, string>();
  readonly owners = new Map<string, { email: string; name?: string; managerEmail?: string }>();

  async putSignal(signal: NegativeSignal): Promise<boolean> {
    const id = `${signal.accountId}|${signal.signalId}`;
    if (this.signals.has(id)) return false;
    this.signals.set(id, signal);
    return true;
  }
  async getSignal(accountId: string, signalId: string): Promise<NegativeSignal | undefined> {
    return this.signals.get(`${accountId}|${signalId}`);
  }
  async loadHealthInput(account: Account): Promise<HealthInput> {
    const signals = [...this.signals.values()].filter((s) => s.accountId === account.accountId);
    return { account, signals };
  }
  async putCohortSignal(dimension: CohortDimension, value: string, entry: CohortEntry): Promise<void> {
    this.cohort.push({ dimension, value, entry });
  }
  async listCohortSignals(dimension: CohortDimension, value: string, from: Date, to: Date) {
    return this.cohort
      .filter((c) => c.dimension === dimension && c.value === value)
      .map((c) => c.entry)
      .filter((e) => e.at >= from.toISOString() && e.at <= to.toISOString());
  }
  async currentEpisode(dimension: CohortDimension, value: string, now: Date) {
    const id = `${dimension}|${value}`;
    const episode = this.episodes.get(id) ?? { openedAt: now.toISOString() };
    this.episodes.set(id, episode);
    return episode;
  }
  async listKeyMembers(dimension: CohortDimension, value: string): Promise<MemberRef[]> {
    return this.members
      .filter((m) => m.dimension === dimension && m.value === value)
      .map(({ accountId, tier }) => ({ accountId, tier }));
  }
  async putOpenAlert(alert: OpenAlert): Promise<void> {
    this.openAlerts.set(`${alert.accountId}|${alert.signalId}`, alert);
  }
  async listDueAlerts(now: Date): Promise<OpenAlert[]> {
    return [...this.openAlerts.values()].filter((a) => a.escalateAt <= now.toISOString());
  }
  /** Like the store: deletes the alert under that exact escalation time (a re-armed one stays). */
  async deleteOpenAlert(alert: OpenAlert): Promise<void> {
    const id = `${alert.accountId}|${alert.signalId}`;
    if (this.openAlerts.get(id)?.escalateAt === alert.escalateAt) this.openAlerts.delete(id);
  }
  async setAtRisk(accountId: string, until: string): Promise<void> {
    this.atRisk.set(accountId, until);
  }
  async clearAtRisk(accountId: string, until: string): Promise<void> {
    if (this.atRisk.get(accountId) === until) this.atRisk.delete(accountId);
  }
  async listRiskDue(now: Date): Promise<AtRiskRef[]> {
    return [...this.atRisk]
      .filter(([, until]) => until <= now.toISOString())
      .map(([accountId, until]) => ({ accountId, until }));
  }
  async listAtRisk(): Promise<AtRiskRef[]> {
    return [...this.atRisk].map(([accountId, until]) => ({ accountId, until }));
  }
  async getOwner(email: string) {
    return this.owners.get(email);
  }
}

/**
 * A due key account as the store returns it: `accountProfile(id)` plus its state, recorded this
 * month (so its relationship survey is not yet due); override what the test is about.
 */
export function anAccount(accountId: string, over: Partial<Account> = {}): Account {
  return {
    ...accountProfile(accountId),
    tier: 'key',
    tierReason: 'test',
    nextDueAt: '2026-11-18T09:00:00.000Z',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
    ...over,
  };
}

/**
 * A scan's dependencies made of the fakes above: the given accounts are due now, and every port is
 * returned for the test to arrange and inspect.
 */
export function fakeScan(
  opts: { accounts?: Account[]; contacts?: Contact[]; settings?: unknown; now?: Date | string } = {},
) {
  const index = new FakeDueIndex(opts.accounts ?? [], opts.contacts ?? []);
  index.due.accounts.push(...(opts.accounts ?? []).map((a) => a.accountId));
  const ledger = new FakeLedger();
  const mailer = new FakeMailer();
  const events = new FakeEvents<Parameters<EventsPort['publish']>[0][number]>();
  const reminders = new FakeReminders();
  const addresses = new FakeAddresses();
  const clock = frozenClock(opts.now ?? '2026-11-18T10:00:00.000Z');
  const errors: string[] = [];
  const deps: ScanDeps = {
    accounts: index,
    addresses,
    ledger,
    reminders,
    mailer,
    links: fakeLinks,
    events,
    settings: parseSettings(opts.settings ?? {}),
    clock,
    onError: (where) => void errors.push(where),
  };
  return { deps, index, ledger, mailer, events, reminders, addresses, clock, errors };
}

/** The health path's dependencies made of the fakes above, every port returned for the test. */
export function fakeHealth(opts: { accounts?: Account[]; settings?: unknown; now: Date | string }) {
  const store = new FakeAccounts(opts.accounts ?? []);
  const records = new FakeHealthRecords();
  const ledger = new FakeLedger();
  const mailer = new FakeMailer();
  const events = new FakeEvents<RiskEvent>();
  const links = new FakeActionLinks();
  const errors: string[] = [];
  const deps: HealthDeps = {
    accounts: store,
    records,
    ledger,
    mailer,
    links,
    events,
    settings: parseSettings(opts.settings ?? {}),
    clock: frozenClock(opts.now),
    onError: (where) => void errors.push(where),
  };
  return { deps, store, records, ledger, mailer, events, links, errors };
}
