import type { Cadence, Settings } from '../../config/settings.ts';
import type { Account, HealthBand, HealthSnapshot } from '../account.ts';
import { classifyAnswer, type SurveyKind } from '../domain/vocabulary.ts';
import { penaltyPoints } from '../wording.ts';

/** One answered survey, as the score sees it. */
export interface ScoredAnswer {
  kind: SurveyKind;
  score: number;
  answeredAt: string;
}

/** A negative signal on record for the account (any age: the window decides what counts). */
export interface SignalFact {
  kind: 'detractor' | 'complaint';
  at: string;
  score?: number | undefined;
  surveyKind?: SurveyKind | undefined;
}

/** Everything the score looks at. Missing data is fine: no answers, no contact ever, no signals. */
export interface HealthInput {
  account: Pick<Account, 'tier' | 'lastContactAt'> & Partial<Pick<Account, 'risk'>>;
  /** Answered surveys, any order. */
  answers?: ScoredAnswer[] | undefined;
  signals?: SignalFact[] | undefined;
  /** Surveys sent whose link has expired without an answer (recent ones only, the caller decides). */
  unansweredSurveys?: number | undefined;
}

const DAY = 86_400_000;
const MAX: Record<SurveyKind, number> = { nps: 10, csat: 5 };

/** The cadence in days (months count as 30). */
export function cadenceDays(cadence: Cadence): number {
  return 'days' in cadence ? cadence.days : cadence.months * 30;
}

/** "12 Nov" in a zone (UTC unless named): short enough for a reason line. */
export function shortDate(iso: string, timeZone = 'UTC'): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone });
}

/**
 * A date inside a stored reason ("detractor 3/10 on <instant>"): the instant itself, so each reader
 * shows it in its own zone (`localizeDates`) and one card or email never mixes zones.
 */
export const reasonDate = (iso: string): string => new Date(iso).toISOString();

const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z\b/g;

/** A stored reason as a reader sees it: each instant in it as "12 Nov" in the reader's zone. */
export function localizeDates(text: string, timeZone: string): string {
  return text.replace(INSTANT, (iso) => shortDate(iso, timeZone));
}

interface Penalty {
  points: number;
  reason: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The health of an account: 100 minus a penalty per input (each capped at its weight in
 * `settings.health.weights`), the band from `settings.health.bands`, and the reasons, biggest
 * penalty first, each saying what was seen ("detractor 3/10 on 12 Nov", "no contact for 61 days,
 * cadence 30 days"). Pure and total: missing data scores as "nothing known", never as an error.
 */
export function computeHealth(input: HealthInput, settings: Settings, now: Date): HealthSnapshot {
  const w = settings.health.weights;
  const penalties: Penalty[] = [];
  const notes: string[] = [];
  const window = settings.risk.signalWindowDays * DAY;

  // Recency against the tier's cadence.
  const cadence = cadenceDays(settings.cadence[input.account.tier]);
  if (!input.account.lastContactAt) {
    // Nothing known is not the same as long silence: half the weight (yellow, not red, on its own).
    penalties.push({
      points: w.recency / 2,
      reason: `no contact on record, cadence ${plural(cadence, 'day')}`,
    });
  } else {
    const days = Math.floor((now.getTime() - Date.parse(input.account.lastContactAt)) / DAY);
    const over = Math.min(1, Math.max(0, (days - cadence) / cadence));
    if (over > 0)
      penalties.push({
        points: w.recency * over,
        reason: `no contact for ${plural(days, 'day')}, cadence ${plural(cadence, 'day')}`,
      });
    else
      notes.push(`last contact ${plural(Math.max(0, days), 'day')} ago, cadence ${plural(cadence, 'day')}`);
  }

  // The latest answer and its trend.
  // A detractor reported from elsewhere (a CRM) counts as an answer; one from a survey is already there.
  const given = input.answers ?? [];
  const reported = (input.signals ?? [])
    .filter((s) => s.kind === 'detractor' && s.score !== undefined && s.surveyKind !== undefined)
    .filter((s) => !given.some((a) => a.answeredAt === s.at && a.score === s.score))
    .map((s) => ({ kind: s.surveyKind as SurveyKind, score: s.score as number, answeredAt: s.at }));
  const answers = [...given, ...reported].sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  const latest = answers.at(-1);
  if (latest) {
    const label = `${latest.score}/${MAX[latest.kind]}`;
    const cls = classifyAnswer(latest.kind, latest.score, settings.risk);
    const what = `${cls} ${label} on ${reasonDate(latest.answeredAt)}`;
    if (cls === 'detractor') penalties.push({ points: w.latestSurvey, reason: what });
    else if (cls === 'passive') penalties.push({ points: w.latestSurvey * 0.4, reason: what });
    else notes.push(what);
    const previous = [...answers.slice(0, -1)].reverse().find((a) => a.kind === latest.kind);
    const drop = previous ? previous.score - latest.score : 0;
    if (previous && drop >= (latest.kind === 'nps' ? 2 : 1))
      penalties.push({
        points: w.trend,
        reason: `${latest.kind.toUpperCase()} down from ${previous.score} to ${latest.score}`,
      });
  } else {
    notes.push('no survey answers yet');
  }

  // Complaints still inside the signal window.
  const complaints = (input.signals ?? []).filter(
    (s) =>
      s.kind === 'complaint' &&
      now.getTime() - Date.parse(s.at) < window &&
      Date.parse(s.at) <= now.getTime(),
  );
  if (complaints.length) {
    const newest = complaints
      .map((c) => c.at)
      .sort()
      .at(-1) as string;
    penalties.push({
      points: Math.min(w.complaints, w.complaints * complaints.length),
      reason:
        complaints.length === 1
          ? `open complaint from ${reasonDate(newest)}`
          : `${complaints.length} open complaints, latest ${reasonDate(newest)}`,
    });
  }

  const unanswered = input.unansweredSurveys ?? 0;
  if (unanswered > 0)
    penalties.push({
      points: Math.min(w.unansweredSurveys, (w.unansweredSurveys / 2) * unanswered),
      reason: `${unanswered} survey${unanswered === 1 ? '' : 's'} unanswered`,
    });

  // Risk inherited from a cohort signal, while it holds.
  const risk = input.account.risk;
  if (risk?.cohort?.length && (!risk.until || Date.parse(risk.until) > now.getTime()))
    penalties.push({ points: w.cohortRisk, reason: `cohort risk: ${risk.cohort.join('; ')}` });

  penalties.sort((a, b) => b.points - a.points);
  const score = Math.max(0, Math.min(100, Math.round(100 - penalties.reduce((s, p) => s + p.points, 0))));
  const band: HealthBand =
    score >= settings.health.bands.green ? 'green' : score >= settings.health.bands.yellow ? 'yellow' : 'red';
  const reasons = penalties.length
    ? [...penalties.map((p) => `${p.reason} (${penaltyPoints(p.points)})`), ...notes]
    : ['no negative signals', ...notes];
  return {
    score,
    band,
    reasons,
    computedAt: now.toISOString(),
    ...(latest
      ? { latestSurvey: { kind: latest.kind, score: latest.score, answeredAt: latest.answeredAt } }
      : {}),
  };
}

/** "red 25: detractor 3/10 on 12 Nov; no contact for 61 days, cadence 30 days", dates in the zone. */
export function describeHealth(h: HealthSnapshot, timeZone = 'UTC'): string {
  const reasons = h.reasons.map((r) =>
    localizeDates(r.replace(/ \((?:\u2212\d+ points?|less than 1 point)\)$/, ''), timeZone),
  );
  return `${h.band} ${h.score}: ${reasons.join('; ')}`;
}
