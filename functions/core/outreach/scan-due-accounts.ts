import type { Settings } from '../../config/settings.ts';
import { forEachConcurrently } from '../../shared/concurrency.ts';
import { type Account, accountTimeZone, type Contact, type TouchKind } from '../account.ts';
import { renderCheckIn } from '../email/check-in-email.ts';
import type { RenderedEmail } from '../email/layout.ts';
import { renderOwnerNote } from '../email/owner-email.ts';
import { renderSurveyEmail } from '../email/survey-email.ts';
import { CHECK_IN_SENT, OWNER_ALERTED, SURVEY_SENT } from '../events/account-health.ts';
import type { Publisher } from '../events/ports.ts';
import { addCadence } from '../time.ts';
import { nextBusinessWindowStart } from './business-hours.ts';
import { fatigueClearsAt, type MessageKind, type OutreachPlan, planOutreach } from './plan-outreach.ts';
import type {
  Ledger,
  LinkMinter,
  OutreachAccounts,
  OutreachAddresses,
  ReminderPort,
  SendKey,
  SurveyReminder,
  TouchDatePort,
} from './ports.ts';
import { processTouchDate } from './process-touch-date.ts';
import { oneClickUnsubscribeHeaders, sendUnderClaim } from './send-under-claim.ts';

/** An email ready for the mailer (kept structural so the core does not import the SES adapter). */
export interface OutgoingEmail extends RenderedEmail {
  to: string;
  fromName?: string | undefined;
  replyTo?: string | undefined;
  headers?: Array<{ name: string; value: string }>;
  tags: Record<string, string>;
}

export interface ScanDeps {
  accounts: OutreachAccounts;
  addresses: OutreachAddresses;
  ledger: Ledger;
  reminders: ReminderPort;
  /** Personal touches waiting in the due index; without it, due touches are left alone. */
  touchDates?: TouchDatePort | undefined;
  mailer: { send(email: OutgoingEmail): Promise<{ messageId: string }> };
  links: LinkMinter;
  events: EventsPort;
  settings: Settings;
  /** Reports a failure without personal data. */
  onError?: (where: string, accountId: string | undefined, error: unknown) => void;
}

export type EventsPort = Publisher<typeof CHECK_IN_SENT | typeof SURVEY_SENT | typeof OWNER_ALERTED>;

export interface ScanOptions {
  now: Date;
  /** Which shards of the due index to read; all by default (a fan-out gives each worker a few). */
  shards?: number[] | undefined;
  /** Epoch ms after which no new account is started; the rest stay due for the next tick. */
  deadline?: number | undefined;
  /** @default 100 */
  pageSize?: number | undefined;
  /** Accounts processed at once (sends are paced by the mailer's rate anyway). @default 8 */
  concurrency?: number | undefined;
}

export interface ScanReport {
  shards: number;
  /** Items read from the due index: the numerator of read amplification. */
  dueItemsRead: number;
  /** Due accounts plus due survey reminders found. */
  due: number;
  /** Reminders dropped because the survey was answered, expired or the contact opted out. */
  remindersDropped: number;
  sent: { checkIn: number; survey: number; reminder: number; ownerNote: number };
  /** Personal touches: sent, and passed over until their next occurrence (switched off, unreachable, fatigued, missed the day). */
  touches: { sent: number; skipped: number };
  deferred: { businessHours: number; fatigue: number };
  rescheduled: number;
  /** Sends a previous run completed whose account update was lost; repaired, not resent. */
  repaired: number;
  /** Claimed by another run that is still inside its lease. */
  inFlight: number;
  failed: number;
  stoppedEarly: boolean;
}

const DAY = 86_400_000;

const EVENT_OF: Record<
  Extract<MessageKind, 'check-in' | 'survey' | 'survey-reminder' | 'owner-nudge' | 'owner-alert'>,
  typeof CHECK_IN_SENT | typeof SURVEY_SENT | typeof OWNER_ALERTED
> = {
  'check-in': CHECK_IN_SENT,
  survey: SURVEY_SENT,
  'survey-reminder': SURVEY_SENT,
  'owner-nudge': OWNER_ALERTED,
  'owner-alert': OWNER_ALERTED,
};

/**
 * One tick of the scheduler: reads every due account from the sharded due index (every shard,
 * every page; never a table Scan) and reaches out to each exactly once per due cycle.
 */
export async function scanDueAccounts(deps: ScanDeps, opts: ScanOptions): Promise<ScanReport> {
  const { settings } = deps;
  const now = opts.now;
  const shards = opts.shards ?? Array.from({ length: settings.dueShards }, (_, i) => i);
  const report: ScanReport = {
    shards: shards.length,
    dueItemsRead: 0,
    due: 0,
    remindersDropped: 0,
    sent: { checkIn: 0, survey: 0, reminder: 0, ownerNote: 0 },
    touches: { sent: 0, skipped: 0 },
    deferred: { businessHours: 0, fatigue: 0 },
    rescheduled: 0,
    repaired: 0,
    inFlight: 0,
    failed: 0,
    stoppedEarly: false,
  };
  const pastDeadline = () => opts.deadline !== undefined && Date.now() >= opts.deadline;
  let shardError: unknown;

  await forEachConcurrently(shards, Math.min(4, shards.length), async (shard) => {
    let next: Record<string, unknown> | undefined;
    do {
      if (pastDeadline()) {
        report.stoppedEarly = true;
        return;
      }
      let page: Awaited<ReturnType<OutreachAccounts['queryDueShard']>>;
      try {
        page = await deps.accounts.queryDueShard(shard, now, next, opts.pageSize ?? 100);
      } catch (error) {
        // The shard's remaining accounts stay due; the run reports failure so it is retried.
        deps.onError?.(`due-shard-${shard}`, undefined, error);
        shardError = error;
        return;
      }
      report.dueItemsRead += page.itemsRead;
      const touches = deps.touchDates ? (page.touches ?? []) : [];
      report.due += page.accounts.length + page.reminders.length + touches.length;
      const work = [
        ...page.accounts.map((account) => ({
          accountId: account.accountId,
          run: () => processDueAccount(deps, account, now, report),
        })),
        ...page.reminders.map((r) => ({
          accountId: r.accountId,
          run: () => processReminder(deps, r, now, report),
        })),
        ...touches.map((t) => ({
          accountId: t.accountId,
          run: () => processTouchDate(deps, deps.touchDates as TouchDatePort, t, now, report),
        })),
      ];
      await forEachConcurrently(work, opts.concurrency ?? 8, async (item) => {
        if (pastDeadline()) {
          report.stoppedEarly = true;
          return;
        }
        try {
          await item.run();
        } catch (error) {
          report.failed++;
          deps.onError?.('process-due-item', item.accountId, error);
        }
      });
      next = page.next;
    } while (next);
  });
  if (shardError) report.failed++;
  return report;
}

async function processDueAccount(deps: ScanDeps, account: Account, now: Date, report: ScanReport) {
  const { settings } = deps;
  const contacts = await deps.accounts.getContacts(account.accountId);
  const addresses = await deps.addresses.getMany(contacts.map((c) => c.email));
  const plan = planOutreach({ account, contacts, addresses, settings, now });

  if (plan.type === 'reschedule') {
    const until = addCadence(now, settings.cadence[account.tier], accountTimeZone(account, settings));
    await deps.accounts.updateAccount(
      account.accountId,
      () => ({ deferredUntil: until.toISOString(), deferReason: plan.reason }),
      now,
    );
    report.rescheduled++;
    return;
  }
  if (plan.type === 'defer') {
    await deps.accounts.updateAccount(
      account.accountId,
      () => ({ deferredUntil: plan.until.toISOString(), deferReason: plan.reason }),
      now,
    );
    if (plan.reason === 'fatigue budget') report.deferred.fatigue++;
    else report.deferred.businessHours++;
    return;
  }
  await sendOnce(deps, account, plan, now, report);
}

async function sendOnce(
  deps: ScanDeps,
  account: Account,
  plan: Extract<OutreachPlan, { type: 'send' | 'notify-owner' }>,
  now: Date,
  report: ScanReport,
) {
  const { settings } = deps;
  const key: SendKey = { accountId: account.accountId, kind: plan.kind, cycle: account.nextDueAt };
  const advance = (at: string) =>
    deps.accounts.updateAccount(
      account.accountId,
      () => ({
        lastOutreachAt: at,
        lastOutreachKind: plan.kind,
        deferredUntil: undefined,
        deferReason: undefined,
      }),
      now,
    );

  const contact = plan.type === 'send' ? plan.contact : undefined;
  const budget = contact && {
    recipient: contact.email,
    messageCutoff: new Date(now.getTime() - settings.fatigue.minDaysBetweenMessages * DAY),
    surveyCutoff:
      plan.kind === 'survey'
        ? new Date(now.getTime() - settings.fatigue.minDaysBetweenSurveys * DAY)
        : undefined,
  };
  const claim = await deps.ledger.claim(key, now, settings.sending.claimLeaseMinutes * 60_000, budget);
  if (claim.outcome === 'fatigued') {
    // Another send to the same person won the budget a moment ago; plan again next tick.
    await deps.accounts.updateAccount(
      account.accountId,
      () => ({
        deferredUntil: new Date(now.getTime() + 3_600_000).toISOString(),
        deferReason: 'fatigue budget',
      }),
      now,
    );
    report.deferred.fatigue++;
    return;
  }
  if (claim.outcome === 'in-flight') {
    report.inFlight++;
    return;
  }
  if (claim.outcome === 'already-sent') {
    await advance(claim.sentAt ?? now.toISOString());
    report.repaired++;
    return;
  }

  const touchKind: TouchKind = plan.kind;
  const reminder: SurveyReminder | undefined =
    plan.type === 'send' && plan.kind === 'survey'
      ? {
          accountId: account.accountId,
          surveyId: surveyIdOf(key),
          contactEmail: plan.contact.email,
          contactName: plan.contact.name,
          kind: plan.survey,
          remindAt: new Date(now.getTime() + settings.surveys.reminderAfterDays * DAY).toISOString(),
          surveySentAt: now.toISOString(),
        }
      : undefined;
  const messageId = await sendUnderClaim(
    deps.ledger,
    key,
    claim.claimId,
    async () => {
      const email = await buildEmail(deps, account, plan, key, now);
      return deps.mailer.send(email);
    },
    {
      sentAt: now,
      reminder,
      touch: {
        accountId: account.accountId,
        at: now.toISOString(),
        kind: touchKind,
        note: contact
          ? `Sent to ${contact.name ?? contact.email}`
          : `Sent to the owner: ${plan.type === 'notify-owner' ? plan.reason : ''}`,
        source: 'scan',
      },
    },
  );
  await advance(now.toISOString());
  if (plan.kind === 'survey') report.sent.survey++;
  else if (plan.kind === 'check-in') report.sent.checkIn++;
  else report.sent.ownerNote++;

  try {
    await deps.events.publish([
      {
        detailType: EVENT_OF[plan.kind],
        detail: {
          accountId: account.accountId,
          kind: plan.kind,
          tier: account.tier,
          cycle: key.cycle,
          messageId,
          ...(plan.type === 'send' && plan.kind === 'survey' ? { survey: plan.survey } : {}),
          ...(plan.type === 'notify-owner' ? { reason: plan.reason } : {}),
        },
      },
    ]);
  } catch (error) {
    deps.onError?.('publish-event', account.accountId, error);
  }
}

async function buildEmail(
  deps: ScanDeps,
  account: Account,
  plan: Extract<OutreachPlan, { type: 'send' | 'notify-owner' }>,
  key: SendKey,
  now: Date,
): Promise<OutgoingEmail> {
  const tags = { account: account.accountId, kind: plan.kind, tier: account.tier };
  if (plan.type === 'notify-owner') {
    const note = renderOwnerNote({
      account,
      kind: plan.kind,
      reason: plan.reason,
      accountHint: `npx account-health account ${account.accountId}`,
    });
    return { ...note, to: account.ownerEmail, tags };
  }
  const contact: Contact = plan.contact;
  const unsubscribeUrl = await deps.links.unsubscribeUrl({
    accountId: account.accountId,
    contactEmail: contact.email,
    now,
  });
  const rendered =
    plan.kind === 'check-in'
      ? renderCheckIn({ account, contact, now, cycle: key.cycle, unsubscribeUrl })
      : renderSurveyEmail({
          account,
          contact,
          kind: plan.survey,
          cycle: key.cycle,
          unsubscribeUrl,
          surveyUrl: await deps.links.surveyUrl({
            surveyId: surveyIdOf(key),
            account,
            contact,
            kind: plan.survey,
            now,
          }),
        });
  return {
    ...rendered,
    to: contact.email,
    fromName: account.ownerName,
    replyTo: account.ownerEmail,
    headers: oneClickUnsubscribeHeaders(unsubscribeUrl),
    tags,
  };
}

/** A survey's id, derived from its send key so a retried send reuses the same survey. */
export function surveyIdOf(key: SendKey): string {
  return `${key.cycle.replace(/[^0-9]/g, '')}`;
}

/**
 * A survey's one reminder: only to someone who has not answered, is still reachable and whose
 * link still works; inside their business hours and the same fatigue budget as every other email.
 */
async function processReminder(deps: ScanDeps, r: SurveyReminder, now: Date, report: ScanReport) {
  const { settings } = deps;
  const [answered, addresses, account] = await Promise.all([
    deps.reminders.isAnswered(r.accountId, r.surveyId),
    deps.addresses.getMany([r.contactEmail]),
    deps.accounts.getAccount(r.accountId),
  ]);
  const address = addresses.get(r.contactEmail.toLowerCase()) ?? { email: r.contactEmail };
  const linkExpired = Date.parse(r.surveySentAt) + settings.surveys.expiryDays * DAY <= now.getTime();
  if (answered || !account || address.optedOutAt || address.suppressedAt || linkExpired) {
    await deps.reminders.remove(r);
    report.remindersDropped++;
    return;
  }
  const clears = fatigueClearsAt(address, false, settings.fatigue);
  if (clears.getTime() > now.getTime()) {
    await deps.reminders.reschedule(r, clears);
    report.deferred.fatigue++;
    return;
  }
  const window = nextBusinessWindowStart(now, accountTimeZone(account, settings), settings.businessHours);
  if (window.getTime() > now.getTime()) {
    await deps.reminders.reschedule(r, window);
    report.deferred.businessHours++;
    return;
  }

  const key: SendKey = { accountId: r.accountId, kind: 'survey-reminder', cycle: r.surveyId };
  const claim = await deps.ledger.claim(key, now, settings.sending.claimLeaseMinutes * 60_000, {
    recipient: r.contactEmail,
    messageCutoff: new Date(now.getTime() - settings.fatigue.minDaysBetweenMessages * DAY),
  });
  if (claim.outcome === 'fatigued') {
    await deps.reminders.reschedule(r, new Date(now.getTime() + 3_600_000));
    report.deferred.fatigue++;
    return;
  }
  if (claim.outcome === 'in-flight') {
    report.inFlight++;
    return;
  }
  if (claim.outcome === 'already-sent') {
    await deps.reminders.remove(r);
    report.repaired++;
    return;
  }

  const contact: Contact = {
    accountId: r.accountId,
    email: r.contactEmail,
    name: r.contactName,
    primary: false,
  };
  const messageId = await sendUnderClaim(
    deps.ledger,
    key,
    claim.claimId,
    async () => {
      const [unsubscribeUrl, surveyUrl] = await Promise.all([
        deps.links.unsubscribeUrl({ accountId: r.accountId, contactEmail: r.contactEmail, now }),
        deps.links.surveyUrl({ surveyId: r.surveyId, account, contact, kind: r.kind, now }),
      ]);
      const rendered = renderSurveyEmail({
        account,
        contact,
        kind: r.kind,
        cycle: r.surveyId,
        surveyUrl,
        unsubscribeUrl,
        reminder: true,
      });
      return deps.mailer.send({
        ...rendered,
        to: r.contactEmail,
        fromName: account.ownerName,
        replyTo: account.ownerEmail,
        headers: oneClickUnsubscribeHeaders(unsubscribeUrl),
        tags: { account: r.accountId, kind: 'survey-reminder', tier: account.tier },
      });
    },
    {
      sentAt: now,
      touch: {
        accountId: r.accountId,
        at: now.toISOString(),
        kind: 'survey-reminder',
        note: `Reminder sent to ${r.contactName ?? r.contactEmail}`,
        source: 'scan',
      },
    },
  );
  await deps.reminders.markSent(r, now);
  await deps.reminders.remove(r);
  report.sent.reminder++;
  try {
    await deps.events.publish([
      {
        detailType: SURVEY_SENT,
        detail: {
          accountId: r.accountId,
          surveyId: r.surveyId,
          kind: 'survey-reminder',
          survey: r.kind,
          messageId,
        },
      },
    ]);
  } catch (error) {
    deps.onError?.('publish-event', r.accountId, error);
  }
}
