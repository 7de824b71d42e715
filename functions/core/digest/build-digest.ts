import type { Settings } from '../../config/settings.ts';
import type { Account, Contact } from '../account.ts';
import type { Tier } from '../domain/vocabulary.ts';
import { firstName } from '../email/phrasing.ts';
import { localizeDates } from '../health/health-score.ts';
import { type NpsSummary, npsOf } from '../survey/nps.ts';
import type { SurveyResponse } from '../survey/survey.ts';
import { addCadence } from '../time.ts';
import {
  addDays,
  daysFrom,
  localDate,
  nextMonthDay,
  nextQuarterAnniversary,
  shortDate,
  yearsBetween,
} from './calendar.ts';
import { type DigestPeriod, previousPeriod } from './schedule.ts';

/** The one-click actions a digest item can carry (the action links of the http function). */
export type DigestActionKind = 'acknowledge' | 'mark-contacted' | 'snooze';

export interface DigestAction {
  kind: DigestActionKind;
  /** Filled in by the use case once the link is minted. */
  url?: string | undefined;
}

export interface DigestItem {
  accountId: string;
  accountName: string;
  tier: Tier;
  /** One line: what it is about. */
  headline: string;
  /** Further lines: the reasons, the customer's words. */
  details: string[];
  /** A customer's comment, quoted as is (escaped when rendered). */
  quote?: string | undefined;
  /** Highlights the item: red for risk and detractors. */
  tone: 'red' | 'amber' | 'neutral' | 'green';
  actions: DigestAction[];
}

export type DigestSectionId =
  | 'at-risk'
  | 'overdue'
  | 'paused'
  | 'responses'
  | 'renewals'
  | 'reviews'
  | 'anniversaries'
  | 'birthdays';

export interface DigestSection {
  id: DigestSectionId;
  title: string;
  items: DigestItem[];
  /** Items left out to keep the email short. */
  more: number;
}

export interface NpsTrendPoint {
  periodId: string;
  /** NPS over the 90 days up to the end of that period. */
  score: number | null;
  responses: number;
}

export interface Digest {
  owner: { email: string; name?: string | undefined };
  period: DigestPeriod;
  timeZone: string;
  /** The owner's local date when the digest was made. */
  today: string;
  /** New answers are those at or after this instant (the last digest, or the start of the previous period). */
  since: string;
  sections: DigestSection[];
  nps: { current: NpsSummary; trend: NpsTrendPoint[] };
  /** Nothing to report: every section is empty. */
  empty: boolean;
}

export interface DigestInput {
  owner: { email: string; name?: string | undefined };
  accounts: Account[];
  contacts: Map<string, Contact[]>;
  /** The owner's responses, at least from `npsWindowStart(...)`. */
  responses: SurveyResponse[];
  since: Date;
  period: DigestPeriod;
  timeZone: string;
  now: Date;
  settings: Settings;
}

const DAY = 86_400_000;
/** NPS is taken over the answers of the last 90 days: one period holds too few to mean much. */
export const NPS_WINDOW_DAYS = 90;
/** Periods shown in the NPS trend, the current one included. */
export const NPS_TREND_PERIODS = 4;
/** Renewals this many days ahead are listed. */
export const RENEWAL_DAYS = 30;
/** At most this many items per section; the rest are counted. */
export const SECTION_LIMIT = 15;

/** The earliest answer the digest of a period needs (for the NPS trend). */
export function npsWindowStart(period: DigestPeriod, settings: Settings): Date {
  let first = period;
  for (let i = 1; i < NPS_TREND_PERIODS; i++) first = previousPeriod(first, settings.digest.cadence);
  return new Date(Date.parse(`${first.start}T00:00:00Z`) - (NPS_WINDOW_DAYS + 1) * DAY);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const ACT = (...kinds: DigestActionKind[]): DigestAction[] => kinds.map((kind) => ({ kind }));

/** Whether the owner snoozed the account: the snooze action defers it with a reason naming it. */
function isSnoozed(account: Account, now: Date): boolean {
  if (!account.deferredUntil || Date.parse(account.deferredUntil) <= now.getTime()) return false;
  return /snooz/i.test(account.deferReason ?? '');
}

const SENT_SINCE_DUE: Record<string, string> = {
  'check-in': 'Check-in sent {date}, no reply yet',
  survey: 'Survey sent {date}, no answer yet',
  'owner-nudge': 'You were reminded {date}',
};

/**
 * What the tool already sent to an overdue account since it became overdue (the check-in of this
 * cycle, in the owner's zone), so the row says the email went out rather than only "overdue".
 */
function emailedSinceDue(a: Account, dueAt: Date | undefined, timeZone: string): string | undefined {
  if (!a.lastOutreachAt || !a.lastOutreachKind) return undefined;
  if (dueAt && Date.parse(a.lastOutreachAt) < dueAt.getTime()) return undefined;
  const line = SENT_SINCE_DUE[a.lastOutreachKind];
  return line?.replace('{date}', shortDate(localDate(new Date(a.lastOutreachAt), timeZone)));
}

function section(id: DigestSectionId, title: string, items: DigestItem[]): DigestSection {
  return { id, title, items: items.slice(0, SECTION_LIMIT), more: Math.max(0, items.length - SECTION_LIMIT) };
}

/**
 * Everything an owner should see this period, most urgent first: at-risk accounts, key accounts
 * overdue for contact, new answers (worst first), the book's NPS and trend, renewals, quarterly
 * reviews, anniversaries and birthdays in the days before the next digest. Pure.
 */
export function buildDigest(input: DigestInput): Digest {
  const { accounts, settings, now, period, timeZone } = input;
  const today = localDate(now, timeZone);
  const horizonEnd = period.end > today ? period.end : addDays(today, 1);
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const base = (a: Account) => ({ accountId: a.accountId, accountName: a.name, tier: a.tier });

  // 1. At risk: not yet acknowledged first, then the longest at risk.
  const atRisk = accounts
    .filter((a) => a.risk && !isSnoozed(a, now))
    .sort(
      (a, b) =>
        Number(!!a.risk?.acknowledgedAt) - Number(!!b.risk?.acknowledgedAt) ||
        (a.risk?.since ?? '').localeCompare(b.risk?.since ?? '') ||
        a.name.localeCompare(b.name),
    )
    .map((a): DigestItem => {
      const risk = a.risk as NonNullable<Account['risk']>;
      // Reasons keep their dates as instants: shown in the owner's zone, like every date of the card.
      const reasons = risk.reasons.map((r) => localizeDates(r, timeZone));
      const details = [...reasons.slice(0, 3)];
      const sinceLine = `At risk since ${shortDate(localDate(new Date(risk.since), timeZone))}`;
      details.push(
        risk.acknowledgedAt
          ? `${sinceLine}; you took it on ${shortDate(localDate(new Date(risk.acknowledgedAt), timeZone))}`
          : sinceLine,
      );
      if (a.health) details.push(`Health ${a.health.score}/100 (${a.health.band})`);
      return {
        ...base(a),
        headline: reasons[0] ?? 'At risk',
        details: details.slice(1),
        tone: 'red',
        actions: risk.acknowledgedAt
          ? ACT('mark-contacted', 'snooze')
          : ACT('acknowledge', 'mark-contacted', 'snooze'),
      };
    });
  const listed = new Set(atRisk.map((i) => i.accountId));

  // 2. Key accounts past their cadence since the last contact, the longest overdue first.
  const overdue = accounts
    .filter((a) => a.tier === 'key' && !a.pause && !listed.has(a.accountId) && !isSnoozed(a, now))
    .map((a) => {
      const cadence = settings.cadence[a.tier];
      const dueAt = a.lastContactAt ? addCadence(new Date(a.lastContactAt), cadence, timeZone) : undefined;
      const days = dueAt ? Math.floor((now.getTime() - dueAt.getTime()) / DAY) : Number.POSITIVE_INFINITY;
      return { a, days, cadence, dueAt };
    })
    .filter((x) => x.days >= 1)
    .sort((x, y) => y.days - x.days || x.a.name.localeCompare(y.a.name))
    .map(({ a, days, cadence, dueAt }): DigestItem => {
      const every = 'days' in cadence ? plural(cadence.days, 'day') : plural(cadence.months, 'month');
      const since = a.lastContactAt
        ? Math.floor((now.getTime() - Date.parse(a.lastContactAt)) / DAY)
        : undefined;
      const overdueLine = since === undefined ? 'No contact on record' : `${plural(days, 'day')} overdue`;
      const emailed = emailedSinceDue(a, dueAt, timeZone);
      return {
        ...base(a),
        headline: emailed ?? overdueLine,
        details: [
          ...(emailed ? [overdueLine] : []),
          since === undefined
            ? `Key account, cadence every ${every}`
            : `Last contact ${plural(since, 'day')} ago (${shortDate(localDate(new Date(a.lastContactAt as string), timeZone))}); cadence every ${every}`,
        ],
        tone: 'amber',
        actions: ACT('mark-contacted', 'snooze'),
      };
    });

  // 2b. Accounts whose outreach is paused, the longest paused first: open-ended, so said every time.
  const paused = accounts
    .filter((a) => a.pause)
    .sort(
      (x, y) => (x.pause?.since ?? '').localeCompare(y.pause?.since ?? '') || x.name.localeCompare(y.name),
    )
    .map((a): DigestItem => {
      const pause = a.pause as NonNullable<Account['pause']>;
      return {
        ...base(a),
        headline: `Outreach paused since ${shortDate(localDate(new Date(pause.since), timeZone))}`,
        details: [
          pause.reason,
          `No check-ins or surveys go out until you resume it: npx account-health resume ${a.accountId}`,
        ],
        tone: 'neutral',
        actions: ACT('mark-contacted'),
      };
    });

  // 3. New answers since the last digest: the worst first, then the newest.
  const badness = (r: SurveyResponse) => (r.kind === 'nps' ? r.score / 10 : (r.score - 1) / 4);
  const newAnswers = input.responses
    .filter((r) => byId.has(r.accountId) && Date.parse(r.answeredAt) >= input.since.getTime())
    .sort((x, y) => badness(x) - badness(y) || y.answeredAt.localeCompare(x.answeredAt))
    .map((r): DigestItem => {
      const a = byId.get(r.accountId) as Account;
      const max = r.kind === 'nps' ? 10 : 5;
      const who = r.contactName ?? 'a contact';
      const tone = badness(r) <= 0.6 ? 'red' : badness(r) < 0.85 ? 'amber' : 'green';
      return {
        ...base(a),
        headline: `${r.kind.toUpperCase()} ${r.score}/${max}`,
        details: [`From ${who}, ${shortDate(localDate(new Date(r.answeredAt), timeZone))}`],
        quote: r.comment,
        tone,
        actions: ACT('mark-contacted'),
      };
    });

  // 4. Renewals in the next 30 days, the soonest first.
  const renewals = accounts
    .filter((a) => a.renewalDate && a.renewalDate >= today && daysFrom(today, a.renewalDate) <= RENEWAL_DAYS)
    .sort((x, y) => (x.renewalDate ?? '').localeCompare(y.renewalDate ?? '') || x.name.localeCompare(y.name))
    .map((a): DigestItem => {
      const d = daysFrom(today, a.renewalDate as string);
      return {
        ...base(a),
        headline: `Renews ${shortDate(a.renewalDate as string)}`,
        details: [d === 0 ? 'Today' : `In ${plural(d, 'day')}`],
        tone: d <= 7 ? 'amber' : 'neutral',
        actions: ACT('mark-contacted'),
      };
    });

  // 5. Quarterly business reviews: key accounts with a quarter anniversary of their customer-since
  // date before the next digest.
  const reviews = accounts
    .filter((a) => a.tier === 'key' && a.customerSince)
    .map((a) => ({ a, on: nextQuarterAnniversary(a.customerSince as string, today) }))
    .filter((x) => x.on < horizonEnd)
    .sort((x, y) => x.on.localeCompare(y.on) || x.a.name.localeCompare(y.a.name))
    .map(
      ({ a, on }): DigestItem => ({
        ...base(a),
        headline: `Quarterly review due ${shortDate(on)}`,
        details: [
          `Customer since ${shortDate(a.customerSince as string)} ${(a.customerSince as string).slice(0, 4)}`,
        ],
        tone: 'neutral',
        actions: ACT('mark-contacted'),
      }),
    );

  // 6. Customer-since anniversaries before the next digest.
  const anniversaries = accounts
    .filter((a) => a.customerSince)
    .map((a) => ({ a, on: nextMonthDay((a.customerSince as string).slice(5, 10), today) }))
    .filter((x) => x.on < horizonEnd && yearsBetween(x.a.customerSince as string, x.on) >= 1)
    .sort((x, y) => x.on.localeCompare(y.on) || x.a.name.localeCompare(y.a.name))
    .map(
      ({ a, on }): DigestItem => ({
        ...base(a),
        headline: `${plural(yearsBetween(a.customerSince as string, on), 'year')} a customer on ${shortDate(on)}`,
        details: [],
        tone: 'green',
        actions: ACT('mark-contacted'),
      }),
    );

  // 7. Contacts' birthdays before the next digest.
  const birthdays = accounts
    .flatMap((a) =>
      (input.contacts.get(a.accountId) ?? [])
        .filter((c) => c.birthday)
        .map((c) => ({ a, c, on: nextMonthDay(c.birthday as string, today) })),
    )
    .filter((x) => x.on < horizonEnd)
    .sort((x, y) => x.on.localeCompare(y.on) || x.a.name.localeCompare(y.a.name))
    .map(
      ({ a, c, on }): DigestItem => ({
        ...base(a),
        headline: `${c.name ?? firstName(c) ?? 'A contact'}'s birthday, ${shortDate(on)}`,
        details: c.role ? [c.role] : [],
        tone: 'green',
        actions: ACT('mark-contacted'),
      }),
    );

  const sections = [
    section('at-risk', 'At risk', atRisk),
    section('overdue', 'Key accounts overdue for contact', overdue),
    section('paused', 'Outreach paused', paused),
    section('responses', 'New survey answers', newAnswers),
    section('renewals', `Renewals in the next ${RENEWAL_DAYS} days`, renewals),
    section('reviews', 'Quarterly reviews due', reviews),
    section('anniversaries', 'Customer anniversaries', anniversaries),
    section('birthdays', 'Birthdays', birthdays),
  ];

  // NPS of the book over the last 90 days, and the same as of the end of each recent period.
  const owned = input.responses.filter((r) => byId.has(r.accountId));
  const npsAsOf = (end: Date) =>
    npsOf(
      owned.filter((r) => {
        const t = Date.parse(r.answeredAt);
        return t < end.getTime() && t >= end.getTime() - NPS_WINDOW_DAYS * DAY;
      }),
    );
  const trend: NpsTrendPoint[] = [];
  let p = period;
  for (let i = 0; i < NPS_TREND_PERIODS; i++) {
    const end = i === 0 ? new Date(now.getTime() + 1) : new Date(`${p.end}T00:00:00Z`);
    const s = npsAsOf(end);
    trend.unshift({ periodId: p.id, score: s.score, responses: s.responses });
    p = previousPeriod(p, settings.digest.cadence);
  }

  return {
    owner: input.owner,
    period,
    timeZone,
    today,
    since: input.since.toISOString(),
    sections,
    nps: { current: npsAsOf(new Date(now.getTime() + 1)), trend },
    empty: sections.every((s) => s.items.length === 0),
  };
}

/** Counts per section, for the event and the run report (no names, no addresses). */
export function digestCounts(digest: Digest): Record<DigestSectionId, number> {
  return Object.fromEntries(digest.sections.map((s) => [s.id, s.items.length + s.more])) as Record<
    DigestSectionId,
    number
  >;
}
