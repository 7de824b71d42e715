import type { Settings } from '../../config/settings.ts';
import { type Account, accountTimeZone, type Contact } from '../account.ts';
import type { SurveyKind } from '../domain/vocabulary.ts';
import { nextBusinessWindowStart } from './business-hours.ts';

/** What the tool knows about an address when deciding whether it may be mailed. */
export interface AddressFacts {
  email: string;
  optedOutAt?: string | undefined;
  suppressedAt?: string | undefined;
  lastMessageAt?: string | undefined;
  lastSurveyAt?: string | undefined;
}

export type OutreachPlan =
  | { type: 'send'; kind: 'check-in'; contact: Contact }
  | { type: 'send'; kind: 'survey'; survey: SurveyKind; contact: Contact }
  /** Mail to the owner: a nudge by policy, or an alert when no contact can be reached. */
  | { type: 'notify-owner'; kind: 'owner-nudge' | 'owner-alert'; reason: string }
  | { type: 'defer'; until: Date; reason: string }
  | { type: 'reschedule'; reason: string };

const DAY = 86_400_000;

/** The earliest time the fatigue budget lets this address get a message of this kind. */
export function fatigueClearsAt(
  address: AddressFacts,
  surveying: boolean,
  fatigue: Settings['fatigue'],
): Date {
  const times = [0];
  if (address.lastMessageAt)
    times.push(Date.parse(address.lastMessageAt) + fatigue.minDaysBetweenMessages * DAY);
  if (surveying && address.lastSurveyAt)
    times.push(Date.parse(address.lastSurveyAt) + fatigue.minDaysBetweenSurveys * DAY);
  return new Date(Math.max(...times));
}

const reachable = (a: AddressFacts | undefined) => !a?.optedOutAt && !a?.suppressedAt;

/**
 * When a survey's reminder is due, in days after the survey: `surveys.reminderAfterDays`, but
 * never before the fatigue budget lets a second email reach the same person.
 */
export function reminderDays(settings: Pick<Settings, 'surveys' | 'fatigue'>): number {
  return Math.max(settings.surveys.reminderAfterDays, settings.fatigue.minDaysBetweenMessages);
}

/** Why automated surveys and reminders wait: the owner is handling the account personally. */
export const ALERT_OPEN = 'an alert is open: the owner is handling it';

/**
 * While the account is at risk (an owner alert is open on it), automated surveys and reminders
 * wait until the risk runs out (a day at a time when it has no end on record); check-ins and owner
 * mail go on. Undefined when nothing is open.
 */
export function alertOpenUntil(account: Pick<Account, 'risk'>, now: Date): Date | undefined {
  const risk = account.risk;
  if (!risk) return undefined;
  const until = risk.until ? Date.parse(risk.until) : now.getTime() + DAY;
  return until > now.getTime() ? new Date(until) : undefined;
}

/**
 * Decides what a due account gets now: which contact, which message, or why it waits. Pure; the
 * send path carries the plan out. Primary contacts come first; a fatigued contact yields to a
 * colleague who is not; the send waits for the contact's business hours.
 */
export function planOutreach(input: {
  account: Account;
  contacts: Contact[];
  addresses: Map<string, AddressFacts>;
  settings: Settings;
  now: Date;
}): OutreachPlan {
  const { account, contacts, addresses, settings, now } = input;
  const policy = settings.outreach[account.tier];
  if (policy.action === 'none')
    return { type: 'reschedule', reason: `no outreach for ${account.tier} accounts` };
  if (policy.action === 'owner-nudge')
    return { type: 'notify-owner', kind: 'owner-nudge', reason: 'due for contact' };

  const openAlertUntil = alertOpenUntil(account, now);
  if (policy.action === 'survey' && openAlertUntil)
    return { type: 'defer', until: openAlertUntil, reason: ALERT_OPEN };

  const ordered = [...contacts].sort(
    (a, b) => Number(b.primary) - Number(a.primary) || a.email.localeCompare(b.email),
  );
  const candidates = ordered.filter((c) => reachable(addresses.get(c.email)));
  if (candidates.length === 0) {
    const reason = contacts.length === 0 ? 'no contact on record' : 'every contact opted out or bounced';
    return { type: 'notify-owner', kind: 'owner-alert', reason };
  }

  const surveying = policy.action === 'survey';
  const clears = candidates.map((c) => ({
    contact: c,
    at: fatigueClearsAt(addresses.get(c.email) ?? { email: c.email }, surveying, settings.fatigue),
  }));
  const ready = clears.find((c) => c.at.getTime() <= now.getTime());
  if (!ready) {
    const soonest = clears.reduce((a, b) => (b.at < a.at ? b : a));
    return { type: 'defer', until: soonest.at, reason: 'fatigue budget' };
  }

  const zone = accountTimeZone(account, settings);
  const window = nextBusinessWindowStart(now, zone, settings.businessHours);
  if (window.getTime() > now.getTime())
    return { type: 'defer', until: window, reason: 'outside business hours' };

  return policy.action === 'survey'
    ? { type: 'send', kind: 'survey', survey: policy.survey, contact: ready.contact }
    : { type: 'send', kind: 'check-in', contact: ready.contact };
}
