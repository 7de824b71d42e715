import { createHash } from 'node:crypto';
import { forEachConcurrently } from '../../shared/concurrency.ts';
import { type Account, accountTimeZone, type Contact, changedAccount } from '../account.ts';
import { oneClickUnsubscribeHeaders } from '../domain/vocabulary.ts';
import { renderCheckIn } from '../email/check-in-email.ts';
import { renderOwnerNote } from '../email/owner-email.ts';
import { renderSurveyEmail } from '../email/survey-email.ts';
import { CHECK_IN_SENT, OWNER_ALERTED, SURVEY_SENT } from '../events/account-health.ts';
import { languageOf } from '../i18n/language.ts';
import { voiceFor } from '../i18n/voice.ts';
import type { OutgoingEmail, SendKey } from '../ports.ts';
import { sendClaimed } from '../send/send-claimed.ts';
import { addCadence } from '../time.ts';
import { ALERT_OPEN, type OutreachPlan, planOutreach, reminderDays } from './plan-outreach.ts';
import type { AddressState, ScanDeps, SurveyReminder } from './ports.ts';
import { type ScanReport, settleScanSend } from './scan-report.ts';

type SendPlan = Extract<OutreachPlan, { type: 'send' | 'notify-owner' }>;

const DAY = 86_400_000;

const EVENT_OF: Record<SendPlan['kind'], typeof CHECK_IN_SENT | typeof SURVEY_SENT | typeof OWNER_ALERTED> = {
  'check-in': CHECK_IN_SENT,
  survey: SURVEY_SENT,
  'owner-nudge': OWNER_ALERTED,
  'owner-alert': OWNER_ALERTED,
};

/** What a due account's plan is made from, read for a whole page of the due index at once. */
export interface DueAccountFacts {
  contacts: Contact[];
  /** The state of every contact address of the page's accounts (absent: never mailed). */
  addresses: Map<string, AddressState>;
}

/**
 * The contacts of a page's due accounts and the state of all their addresses: one read of the
 * contacts per account, one batch read of the addresses for the whole page (instead of one per account).
 */
export async function readDueFacts(
  deps: Pick<ScanDeps, 'accounts' | 'addresses'>,
  accounts: Account[],
  concurrency = 8,
): Promise<Map<string, DueAccountFacts>> {
  const contacts: Contact[][] = [];
  await forEachConcurrently(
    accounts.map((a, i) => ({ a, i })),
    concurrency,
    async ({ a, i }) => {
      contacts[i] = await deps.accounts.getContacts(a.accountId);
    },
  );
  const emails = contacts.flat().map((c) => c.email);
  const addresses = emails.length ? await deps.addresses.getMany(emails) : new Map<string, AddressState>();
  return new Map(accounts.map((a, i) => [a.accountId, { contacts: contacts[i] ?? [], addresses }]));
}

/**
 * One due account: plans what it gets now (a check-in, a survey, a note to the owner, or a wait)
 * and carries the plan out, at most once per due cycle. `facts` come from `readDueFacts` (read here
 * when not given).
 */
export async function processDueAccount(
  deps: ScanDeps,
  account: Account,
  now: Date,
  report: ScanReport,
  facts?: DueAccountFacts,
) {
  const { settings } = deps;
  const { contacts, addresses: read } = facts ??
    (await readDueFacts(deps, [account])).get(account.accountId) ?? {
      contacts: [],
      addresses: new Map<string, AddressState>(),
    };
  const addresses = withOwnBudgetFree(read, account);
  const plan = planOutreach({ account, contacts, addresses, settings, now });

  if (plan.type === 'paused') {
    // A paused account has left the due index; a stale index copy is left alone.
    report.paused++;
    return;
  }

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
    else if (plan.reason === ALERT_OPEN) report.deferred.alertOpen++;
    else report.deferred.businessHours++;
    return;
  }
  await sendDue(deps, account, contacts, plan, now, report);
}

/** Planning sees each address as it was before this account's own claim for its current cycle. */
function withOwnBudgetFree(addresses: Map<string, AddressState>, account: Account) {
  const out = new Map<string, AddressState>();
  for (const [email, address] of addresses)
    out.set(email, withoutOwnBudget(address, { accountId: account.accountId, cycle: account.nextDueAt }));
  return out;
}

/**
 * A budget spent by the claim of this very send (a run that died after claiming) is not a reason
 * to wait: the claim carries it, and the send that takes the claim over honours it. The address is
 * seen as it was before that claim.
 */
export function withoutOwnBudget<A extends AddressState>(
  address: A,
  send: Pick<SendKey, 'accountId' | 'cycle'>,
): A {
  const held = address.budgetHeldBy;
  if (held?.accountId !== send.accountId || held.cycle !== send.cycle) return address;
  return {
    ...address,
    lastMessageAt: undefined,
    lastSurveyAt: held.kind === 'survey' ? undefined : address.lastSurveyAt,
  };
}

async function sendDue(
  deps: ScanDeps,
  account: Account,
  contacts: Contact[],
  plan: SendPlan,
  now: Date,
  report: ScanReport,
) {
  const { settings } = deps;
  const key: SendKey = { accountId: account.accountId, kind: plan.kind, cycle: account.nextDueAt };
  const movedOn = (at: string): Partial<Account> => ({
    lastOutreachAt: at,
    lastOutreachKind: plan.kind,
    ...(plan.kind === 'survey' ? { lastSurveySentAt: at } : {}),
    deferredUntil: undefined,
    deferReason: undefined,
  });
  const advance = (at: string) => deps.accounts.updateAccount(account.accountId, () => movedOn(at), now);

  const contact = plan.type === 'send' ? plan.contact : undefined;
  const reminder: SurveyReminder | undefined =
    plan.type === 'send' && plan.kind === 'survey'
      ? {
          accountId: account.accountId,
          surveyId: surveyIdOf(key),
          contactEmail: plan.contact.email,
          contactName: plan.contact.name,
          kind: plan.survey,
          remindAt: new Date(now.getTime() + reminderDays(settings) * DAY).toISOString(),
          surveySentAt: now.toISOString(),
        }
      : undefined;
  const sent = await sendClaimed(deps, {
    email: plan.type === 'notify-owner' ? 'owner-note' : plan.kind,
    key,
    now,
    recipient: contact?.email ?? account.ownerEmail,
    fatigue: contact && { recipient: contact.email, survey: plan.kind === 'survey' },
    links:
      contact &&
      ((recipient) => [
        deps.links.unsubscribeLink({
          accountId: account.accountId,
          contactEmail: recipient,
          now,
          language: languageOf(account, recipient, settings.defaultLanguage),
          // A survey's footer stops surveys only; a check-in's stops all mail.
          scope: plan.kind === 'survey' ? 'surveys' : 'all',
        }),
      ]),
    compose: (recipient, links) =>
      composeDueEmail(deps, account, withContact(plan, contacts, recipient), key, now, links[0]?.url),
    reminder,
    // The account moves to its next cycle with the completion, unless it changed since the page was read.
    account: {
      next: changedAccount(account, movedOn(now.toISOString()), settings, now),
      expectedVersion: account.version,
    },
    touch: {
      accountId: account.accountId,
      at: now.toISOString(),
      kind: plan.kind,
      note: contact
        ? `Sent to ${contact.name ?? contact.email}`
        : `Sent to the owner: ${plan.type === 'notify-owner' ? plan.reason : ''}`,
      source: 'scan',
    },
  });
  const done = await settleScanSend(sent, report, {
    fatigued: async () => {
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
    },
    alreadySent: (sentAt) => advance(sentAt ?? now.toISOString()),
  });
  if (done === undefined) return;
  const { messageId } = done;

  if (!done.accountWritten) await advance(now.toISOString());
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

/** The plan for the claim's recipient: a retry after a crash mails whom the stranded claim chose. */
function withContact(plan: SendPlan, contacts: Contact[], recipient: string): SendPlan {
  if (plan.type !== 'send' || plan.contact.email.toLowerCase() === recipient.toLowerCase()) return plan;
  const contact = contacts.find((c) => c.email.toLowerCase() === recipient.toLowerCase()) ?? {
    accountId: plan.contact.accountId,
    email: recipient,
    primary: false,
  };
  return { ...plan, contact };
}

async function composeDueEmail(
  deps: ScanDeps,
  account: Account,
  plan: SendPlan,
  key: SendKey,
  now: Date,
  /** The unsubscribe link written with the claim (every email to a contact carries one). */
  unsubscribeUrl: string | undefined,
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
  const contact = plan.contact;
  if (!unsubscribeUrl) throw new Error('An email to a contact needs its unsubscribe link');
  const language = languageOf(account, contact.email, deps.settings.defaultLanguage);
  const voice = await voiceFor(language, deps.settings);
  const rendered =
    plan.kind === 'check-in'
      ? renderCheckIn({ account, contact, now, cycle: key.cycle, unsubscribeUrl, voice })
      : renderSurveyEmail({
          account,
          contact,
          kind: plan.survey,
          cycle: key.cycle,
          unsubscribeUrl,
          voice,
          surveyUrl: await deps.links.surveyUrl({
            surveyId: surveyIdOf(key),
            account,
            contact,
            kind: plan.survey,
            now,
            language,
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

/**
 * A survey's id, derived from its send key so a retried send reuses the same survey, and unique
 * across accounts (two accounts due at the same instant get different surveys).
 */
export function surveyIdOf(key: SendKey): string {
  const account = createHash('sha256').update(key.accountId).digest('base64url').slice(0, 10);
  return `${key.cycle.replace(/[^0-9]/g, '')}-${account}`;
}
