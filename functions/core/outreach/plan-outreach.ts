import type { Settings } from '../../config/settings.ts';
import { type Account, accountTimeZone, type Contact, contactDueAt } from '../account.ts';
import type { SurveyKind } from '../domain/vocabulary.ts';
import { nextBusinessWindowStart } from './business-hours.ts';
import { CHECK_IN_QUIET_DAYS, relationshipSurveyDueAt, relationshipSurveyOf } from './tier-policy.ts';

/** What the tool knows about an address when deciding whether it may be mailed. */
export interface AddressFacts {
  email: string;
  optedOutAt?: string | undefined;
  /** Opted out of surveys only (the survey email's footer link): check-ins still reach them. */
  surveyOptedOutAt?: string | undefined;
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
  | { type: 'reschedule'; reason: string }
  /** Outreach is paused on the account: nothing goes to its contacts, nothing is written. */
  | { type: 'paused'; reason: string };

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
/** May this address get a survey (or a survey reminder)? Reachable, and not opted out of surveys. */
export const takesSurveys = (a: AddressFacts | undefined) => reachable(a) && !a?.surveyOptedOutAt;

/** Why a relationship survey waits when no contact of the account takes surveys. */
export const NOBODY_TAKES_SURVEYS = 'no contact takes surveys';
/** Why a survey waits: a check-in went to the account this week. */
export const CHECK_IN_THIS_WEEK = 'a check-in went out this week';

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

type PlanInput = {
  account: Account;
  contacts: Contact[];
  addresses: Map<string, AddressFacts>;
  settings: Settings;
  now: Date;
};

/**
 * Decides what a due account gets now: which contact, which message, or why it waits. Pure; the
 * send path carries the plan out. Primary contacts come first; a fatigued contact yields to a
 * colleague who is not; the send waits for the contact's business hours. A check-in tier with a
 * relationship survey (tier-policy.ts) gets the survey instead of a check-in once it is due.
 */
export function planOutreach(input: PlanInput): OutreachPlan {
  const { account, contacts, settings, now } = input;
  if (account.pause) return { type: 'paused', reason: `outreach paused: ${account.pause.reason}` };
  const policy = settings.outreach[account.tier];
  if (policy.action === 'none')
    return { type: 'reschedule', reason: `no outreach for ${account.tier} accounts` };
  if (policy.action === 'owner-nudge')
    return { type: 'notify-owner', kind: 'owner-nudge', reason: 'due for contact' };

  if (policy.action === 'survey') {
    const openAlertUntil = alertOpenUntil(account, now);
    if (openAlertUntil) return { type: 'defer', until: openAlertUntil, reason: ALERT_OPEN };
    const survey = planSend(input, policy.survey);
    // Contacts who opted out of surveys keep their personal check-ins.
    return survey.type === 'reschedule' ? planSend(input, undefined) : survey;
  }
  if (contacts.length === 0) return planSend(input, undefined);

  const relationship = relationshipSurveyOf(account.tier, settings);
  const surveyDue = relationshipSurveyDueAt(account, settings);
  if (!relationship || !surveyDue || surveyDue.getTime() > now.getTime()) return planSend(input, undefined);

  // The relationship survey is due. When it cannot go now, a due check-in goes instead; otherwise
  // the account waits for the earlier of the survey's way clearing and its next check-in.
  const checkInDue = contactDueAt(account, settings, now);
  const fallBack = (until: Date, reason: string): OutreachPlan =>
    checkInDue.getTime() <= now.getTime()
      ? planSend(input, undefined)
      : { type: 'defer', until: until < checkInDue ? until : checkInDue, reason };
  const openAlertUntil = alertOpenUntil(account, now);
  if (openAlertUntil) return fallBack(openAlertUntil, ALERT_OPEN);
  if (account.lastOutreachKind === 'check-in' && account.lastOutreachAt) {
    const quietUntil = new Date(Date.parse(account.lastOutreachAt) + CHECK_IN_QUIET_DAYS * DAY);
    if (quietUntil.getTime() > now.getTime()) return fallBack(quietUntil, CHECK_IN_THIS_WEEK);
  }
  const survey = planSend(input, relationship.survey);
  if (survey.type === 'send' || survey.type === 'defer') {
    if (survey.type === 'defer' && survey.reason === 'fatigue budget')
      return fallBack(survey.until, survey.reason);
    return survey;
  }
  return fallBack(checkInDue, NOBODY_TAKES_SURVEYS);
}

/**
 * A check-in (`survey` undefined) or a survey to the first contact who may take it: reachable,
 * (for a survey) not opted out of surveys, inside the fatigue budget and their business hours.
 */
function planSend(input: PlanInput, survey: SurveyKind | undefined): OutreachPlan {
  const { account, contacts, addresses, settings, now } = input;
  const ordered = [...contacts].sort(
    (a, b) => Number(b.primary) - Number(a.primary) || a.email.localeCompare(b.email),
  );
  const candidates = ordered.filter((c) => reachable(addresses.get(c.email)));
  if (candidates.length === 0) {
    const reason = contacts.length === 0 ? 'no contact on record' : 'every contact opted out or bounced';
    return { type: 'notify-owner', kind: 'owner-alert', reason };
  }
  const surveying = survey !== undefined;
  const willing = surveying ? candidates.filter((c) => takesSurveys(addresses.get(c.email))) : candidates;
  if (willing.length === 0) return { type: 'reschedule', reason: NOBODY_TAKES_SURVEYS };

  const clears = willing.map((c) => ({
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

  return survey
    ? { type: 'send', kind: 'survey', survey, contact: ready.contact }
    : { type: 'send', kind: 'check-in', contact: ready.contact };
}
