/**
 * The words the whole product speaks, each defined once: tiers, survey kinds, the kinds of message
 * and of timeline entry, what makes an answer a detractor or a promoter, and the one-click
 * unsubscribe headers every email carries. Imports nothing, so any layer (and any bundle) may use it.
 */

/** The tiers an account can be in, highest first. */
export const TIERS = ['key', 'growth', 'standard'] as const;
export type Tier = (typeof TIERS)[number];

export type SurveyKind = 'nps' | 'csat';

/** What an email is, for the send ledger's key and the recipient's fatigue budget. */
export type MessageKind =
  | 'check-in'
  | 'survey'
  | 'survey-reminder'
  | 'owner-nudge'
  | 'owner-alert'
  /** The owner digest; its send key is the owner's key and the period (core/digest). */
  | 'digest'
  /** Personal touches (core/touches): greetings to contacts, quarterly-review reminders to owners. */
  | 'birthday'
  | 'anniversary'
  | 'qbr-reminder';

/** Timeline entries. Outbound ones (check-in, survey, owner notes) do not count as contact. */
export type TouchKind =
  | 'note'
  | 'import'
  | 'check-in'
  | 'survey'
  | 'survey-reminder'
  | 'survey-answer'
  | 'reply'
  | 'crm'
  | 'owner-nudge'
  | 'owner-alert'
  /** Personal touches (core/touches): a birthday or anniversary greeting, a quarterly-review reminder. */
  | 'greeting'
  | 'qbr-reminder'
  /** Automated outreach to the account was paused (with its reason) or resumed; not contact. */
  | 'outreach-paused'
  | 'outreach-resumed';

export type AnswerClass = 'detractor' | 'passive' | 'promoter';

/** The highest score that is a detractor, per survey kind; the settings may move them (`risk`). */
export interface DetractorLimits {
  /** NPS is 0-10. */
  npsDetractorMax: number;
  /** CSAT is 1-5. */
  csatDetractorMax: number;
}

/** The standard bands: NPS 0-6, CSAT 1-2 are detractors; the settings' defaults. */
export const DEFAULT_DETRACTOR_LIMITS: Readonly<DetractorLimits> = {
  npsDetractorMax: 6,
  csatDetractorMax: 2,
};

/** The lowest score that is a promoter (NPS) or satisfied (CSAT). */
export const PROMOTER_MIN: Readonly<Record<SurveyKind, number>> = { nps: 9, csat: 4 };

/** NPS 0-6 / CSAT 1-2 are detractors (by default), NPS 9-10 / CSAT 4-5 promoters, the rest passives. */
export function classifyAnswer(
  kind: SurveyKind,
  score: number,
  limits: DetractorLimits = DEFAULT_DETRACTOR_LIMITS,
): AnswerClass {
  const detractorMax = kind === 'nps' ? limits.npsDetractorMax : limits.csatDetractorMax;
  return score <= detractorMax ? 'detractor' : score >= PROMOTER_MIN[kind] ? 'promoter' : 'passive';
}

export function isDetractor(kind: SurveyKind, score: number, limits?: DetractorLimits): boolean {
  return classifyAnswer(kind, score, limits) === 'detractor';
}

/** RFC 8058 one-click unsubscribe: mailbox providers POST to this URL with the body below. */
export function oneClickUnsubscribeHeaders(url: string): Array<{ name: string; value: string }> {
  return [
    { name: 'List-Unsubscribe', value: `<${url}>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ];
}
