import type { SurveyKind, Tier } from '../domain/vocabulary.ts';
/** The survey domain: what was sent, the links that point at it, and the answers. */

export type LinkPurpose = 'survey' | 'unsubscribe';

/**
 * What the page behind a link needs to say what its email said: the contact's language (BCP 47)
 * and, for a survey, the tier and single product its question named.
 */
export interface LinkVoice {
  language?: string | undefined;
  tier?: Tier | undefined;
  product?: string | undefined;
}

/** The voice of a link, as the store writes it on the token. */
export const linkVoiceOf = ({ language, tier, product }: LinkVoice): LinkVoice => ({
  language,
  tier,
  product,
});

/** What a link token grants, as the store keeps it (under the token's hash). */
export interface LinkToken extends LinkVoice {
  purpose: LinkPurpose;
  accountId: string;
  contactEmail: string;
  /** Survey links only. */
  surveyId?: string | undefined;
  /** Survey links only; copied here so the survey page renders from this one read. */
  kind?: SurveyKind | undefined;
  ownerName?: string | undefined;
  contactName?: string | undefined;
  /** ISO instant after which the link no longer works. */
  validUntil: string;
  /**
   * Unsubscribe links only: what the link opts out of. `surveys` (the link in a survey email) stops
   * surveys and keeps personal check-ins; absent, all mail.
   */
  scope?: OptOutScope | undefined;
}

/** What an unsubscribe opts out of: every email, or surveys (and their reminders) only. */
export type OptOutScope = 'all' | 'surveys';

/** A link token that resolved to a survey. */
export interface SurveyLink extends LinkToken {
  purpose: 'survey';
  surveyId: string;
  kind: SurveyKind;
}

export type SurveyStatus = 'sent' | 'answered';

/** One survey sent to one contact. Its answer, once given, lives on it (the latest one wins). */
export interface Survey {
  surveyId: string;
  accountId: string;
  contactEmail: string;
  contactName?: string | undefined;
  kind: SurveyKind;
  ownerEmail: string;
  ownerName?: string | undefined;
  /** ISO instants. */
  sentAt: string;
  linkExpiresAt: string;
  status: SurveyStatus;
  reminderSentAt?: string | undefined;
  /** The latest answer. */
  answeredAt?: string | undefined;
  firstAnsweredAt?: string | undefined;
  score?: number | undefined;
  comment?: string | undefined;
}

/** An answered survey, as listings and NPS maths see it. */
export interface SurveyResponse {
  surveyId: string;
  accountId: string;
  contactEmail: string;
  contactName?: string | undefined;
  ownerEmail: string;
  ownerName?: string | undefined;
  kind: SurveyKind;
  score: number;
  comment?: string | undefined;
  sentAt: string;
  answeredAt: string;
}

export function isSurveyLink(link: LinkToken): link is SurveyLink {
  return link.purpose === 'survey' && !!link.surveyId && (link.kind === 'nps' || link.kind === 'csat');
}
