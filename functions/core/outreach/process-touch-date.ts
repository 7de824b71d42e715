import { accountTimeZone, type Contact } from '../account.ts';
import { addDays, localDate } from '../digest/calendar.ts';
import { oneClickUnsubscribeHeaders, type TouchKind } from '../domain/vocabulary.ts';
import { renderAnniversaryGreeting, renderBirthdayGreeting } from '../email/greeting-email.ts';
import { renderQbrReminder } from '../email/qbr-reminder-email.ts';
import { languageOf } from '../i18n/language.ts';
import { voiceFor } from '../i18n/voice.ts';
import type { SendKey } from '../ports.ts';
import { sendClaimed } from '../send/send-claimed.ts';
import { scheduleTouch, type TouchDate } from '../touches/touch-dates.ts';
import { nextBusinessWindowStart } from './business-hours.ts';
import { fatigueClearsAt } from './plan-outreach.ts';
import type { ScanDeps, TouchDatePort } from './ports.ts';
import { type ScanReport, settleScanSend } from './scan-report.ts';
import { withoutOwnBudget } from './send-due.ts';

const ENABLED = {
  birthday: 'birthdays',
  anniversary: 'anniversaries',
  'qbr-reminder': 'quarterlyReviews',
} as const;

/** Where a sent touch counts in the scan report. */
const SENT_AS = {
  birthday: 'birthday',
  anniversary: 'anniversary',
  'qbr-reminder': 'reviewReminder',
} as const satisfies Record<TouchDate['kind'], keyof ScanReport['sent']>;

/**
 * One personal touch that has come due: a greeting goes out on its day, inside the contact's
 * business hours, within the fatigue budget (claimed with the send, like every email) and never to
 * someone who opted out; otherwise it waits for next year rather than arrive late. A review reminder
 * to the owner may wait for the next business window. Either way it then moves to its next occurrence.
 */
export async function processTouchDate(
  deps: ScanDeps,
  store: TouchDatePort,
  touch: TouchDate,
  now: Date,
  report: ScanReport,
): Promise<void> {
  const { settings } = deps;
  const account = await deps.accounts.getAccount(touch.accountId);
  if (!account) return store.remove(touch);
  const zone = accountTimeZone(account, settings);
  const today = localDate(now, zone);
  const next = () => store.reschedule(scheduleTouch(touch, addDays(touch.on, 1), zone, settings));
  const skip = async () => {
    await next();
    report.touches.skipped++;
  };

  // The data it was made from changed: the import writes the right touches again.
  const contacts = touch.kind === 'qbr-reminder' ? [] : await deps.accounts.getContacts(touch.accountId);
  let contact: Contact | undefined;
  if (touch.kind === 'birthday') {
    contact = contacts.find(
      (c) => c.email.toLowerCase() === touch.contactEmail && c.birthday === touch.anchor,
    );
    if (!contact) return store.remove(touch);
  } else if (account.tier !== 'key' || account.customerSince?.slice(0, 10) !== touch.anchor) {
    return store.remove(touch);
  }
  if (!settings.touches[ENABLED[touch.kind]]) return skip();
  // Paused outreach: no greeting this year; the owner's review reminder still goes.
  if (account.pause && touch.kind !== 'qbr-reminder') return skip();

  const toOwner = touch.kind === 'qbr-reminder';
  if (!toOwner && today !== touch.on) return skip(); // a greeting a day late reads wrong: next year
  const window = nextBusinessWindowStart(now, zone, settings.businessHours);
  if (window.getTime() > now.getTime()) {
    if (!toOwner && localDate(window, zone) !== touch.on) return skip();
    await store.reschedule({ ...touch, dueAt: window.toISOString() });
    return;
  }

  if (touch.kind === 'anniversary') {
    const ordered = [...contacts].sort(
      (a, b) => Number(b.primary) - Number(a.primary) || a.email.localeCompare(b.email),
    );
    contact = ordered[0];
    if (!contact) return skip();
  }
  const recipient = contact?.email.toLowerCase();
  const key: SendKey = {
    accountId: touch.accountId,
    kind: touch.kind,
    cycle: `${touch.on}#${recipient ?? 'owner'}`,
  };
  if (recipient) {
    const stored = (await deps.addresses.getMany([recipient])).get(recipient) ?? { email: recipient };
    const address = withoutOwnBudget(stored, key);
    if (address.optedOutAt || address.suppressedAt) return skip();
    if (fatigueClearsAt(address, false, settings.fatigue).getTime() > now.getTime()) return skip();
  }

  const kind: TouchKind = toOwner ? 'qbr-reminder' : 'greeting';
  const sent = await sendClaimed(deps, {
    email: touch.kind,
    key,
    now,
    recipient: recipient ?? account.ownerEmail,
    fatigue: recipient ? { recipient } : undefined,
    links: recipient
      ? () => [
          deps.links.unsubscribeLink({
            accountId: account.accountId,
            contactEmail: recipient,
            now,
            language: languageOf(account, recipient, settings.defaultLanguage),
          }),
        ]
      : undefined,
    compose: async (_recipient, [unsubscribe]) => {
      const tags = { account: account.accountId, kind: touch.kind, tier: account.tier };
      if (contact && recipient) {
        const unsubscribeUrl = unsubscribe?.url ?? '';
        const voice = await voiceFor(languageOf(account, recipient, settings.defaultLanguage), settings);
        const rendered =
          touch.kind === 'birthday'
            ? renderBirthdayGreeting({ account, contact, on: touch.on, unsubscribeUrl, voice })
            : renderAnniversaryGreeting({
                account,
                contact,
                on: touch.on,
                customerSince: touch.anchor,
                unsubscribeUrl,
                voice,
              });
        return {
          ...rendered,
          to: recipient,
          fromName: account.ownerName,
          replyTo: account.ownerEmail,
          headers: oneClickUnsubscribeHeaders(unsubscribeUrl),
          tags,
        };
      }
      const reviewHeldUrl = await deps.links.reviewHeldUrl({ account, now });
      const rendered = renderQbrReminder({
        account,
        on: touch.on,
        customerSince: touch.anchor,
        reviewHeldUrl,
      });
      return { ...rendered, to: account.ownerEmail, tags };
    },
    touch: {
      accountId: account.accountId,
      at: now.toISOString(),
      kind,
      note:
        touch.kind === 'birthday'
          ? `Birthday greeting sent to ${contact?.name ?? recipient}`
          : touch.kind === 'anniversary'
            ? `Anniversary greeting sent to ${contact?.name ?? recipient}`
            : 'Quarterly review reminder sent to the owner',
      source: 'scan',
    },
  });
  const done = await settleScanSend(sent, report, { fatigued: skip, alreadySent: next });
  if (done === undefined) return;
  await next();
  report.touches.sent++;
  report.sent[SENT_AS[touch.kind]]++;
}
