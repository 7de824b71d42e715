import type { Touch } from '../account.ts';
import { InvalidLinkError, ValidationError } from '../errors.ts';
import { SURVEY_ANSWERED, type SurveyAnsweredDetail } from '../events/account-health.ts';
import type { DomainEvent, Publisher } from '../events/ports.ts';
import { type Answer, validateAnswer } from './answer.ts';
import { type LinkReader, resolveLink } from './links.ts';
import { isSurveyLink, type SurveyLink, type SurveyResponse } from './survey.ts';

/** The answer to record on a survey; the store fills in the rest from the survey. */
export interface ResponseInput {
  accountId: string;
  surveyId: string;
  score: number;
  comment?: string | undefined;
  answeredAt: string;
  /** How often a stored answer may be changed after the first one (settings.surveys.maxRevisions). */
  maxRevisions: number;
  /** The note of the survey's one timeline entry, written with the answer (a revision rewrites it). */
  timelineNote: string;
}

/**
 * What became of an answer: `recorded` (stored; `revised` when it replaced an earlier answer),
 * `unchanged` (the same score and comment as stored: nothing written), `final` (the answer was
 * changed `maxRevisions` times already: nothing written; `response` is the stored answer).
 */
export type RecordResponseResult =
  | { outcome: 'recorded'; response: SurveyResponse; revised: boolean }
  | { outcome: 'unchanged' | 'final'; response: SurveyResponse; revised: boolean };

export interface SurveyAnswerStore extends LinkReader {
  /**
   * Stores the answer on the survey (replacing an earlier one, at most `maxRevisions` times), in
   * the response listings and as the survey's one timeline entry, conditional on the survey's
   * answer version so racing answers serialise. Undefined when the survey does not exist.
   */
  recordResponse(input: ResponseInput): Promise<RecordResponseResult | undefined>;
}

/** The default of settings.surveys.maxRevisions. */
export const DEFAULT_MAX_REVISIONS = 5;

export interface SurveyAnsweredEvent extends DomainEvent<typeof SURVEY_ANSWERED> {
  detail: SurveyAnsweredDetail;
}

export interface AnswerSurveyDeps {
  surveys: SurveyAnswerStore;
  /** Moves the account's last contact; the timeline entry itself is written by the survey store. */
  accounts: { recordContact(touch: Touch, now: Date): Promise<unknown> };
  events: Publisher<typeof SURVEY_ANSWERED>;
  clock: () => Date;
  /** settings.surveys.maxRevisions (DEFAULT_MAX_REVISIONS when not given). */
  maxRevisions?: number | undefined;
}

/** An answer that failed validation; carries the link so the form can be shown again with the message. */
export class InvalidAnswerError extends ValidationError {
  constructor(
    message: string,
    readonly link: SurveyLink,
    wording?: ValidationError['wording'],
  ) {
    super(message, wording);
  }
}

async function resolveSurveyLink(
  token: string,
  deps: Pick<AnswerSurveyDeps, 'surveys' | 'clock'>,
  consistent: boolean,
): Promise<SurveyLink> {
  const link = await resolveLink(
    token,
    ['survey'],
    { links: deps.surveys, clock: deps.clock },
    { consistent },
  );
  if (!isSurveyLink(link)) throw new InvalidLinkError('The link is not a survey link', 'unknown');
  return link;
}

/** What the survey page shows for a token. One store read, no write (a GET must never record). */
export function openSurvey(token: string, deps: Pick<AnswerSurveyDeps, 'surveys' | 'clock'>) {
  // Eventually consistent: the token was written when the email went out, long before any click.
  return resolveSurveyLink(token, deps, false);
}

function timelineNote(link: SurveyLink, answer: Answer): string {
  const label = link.kind === 'nps' ? `NPS ${answer.score}/10` : `CSAT ${answer.score}/5`;
  if (!answer.comment) return `Survey answered: ${label}`;
  const short = answer.comment.length > 200 ? `${answer.comment.slice(0, 199)}…` : answer.comment;
  return `Survey answered: ${label}: “${short}”`;
}

/**
 * Records an answer from the survey form: validates the link and the answer, stores the response
 * (answering again replaces it, up to settings.surveys.maxRevisions times; then the answer is
 * final), keeps one timeline entry per survey, counts it as a contact with the account, and emits
 * `Survey Answered` (ids and score only: no address, no comment) only when the stored answer changed.
 */
export async function recordAnswer(
  input: { token: string; score?: string; comment?: string },
  deps: AnswerSurveyDeps,
): Promise<{ link: SurveyLink; response: SurveyResponse; revised: boolean; final: boolean }> {
  const link = await resolveSurveyLink(input.token, deps, true);
  let answer: Answer;
  try {
    answer = validateAnswer(link.kind, input);
  } catch (e) {
    if (e instanceof ValidationError) throw new InvalidAnswerError(e.message, link, e.wording);
    throw e;
  }
  const answeredAt = deps.clock();
  const stored = await deps.surveys.recordResponse({
    accountId: link.accountId,
    surveyId: link.surveyId,
    score: answer.score,
    comment: answer.comment,
    answeredAt: answeredAt.toISOString(),
    maxRevisions: deps.maxRevisions ?? DEFAULT_MAX_REVISIONS,
    timelineNote: timelineNote(link, answer),
  });
  if (!stored) throw new InvalidLinkError('The survey of this link no longer exists', 'unknown');
  const result = {
    link,
    response: stored.response,
    revised: stored.revised,
    final: stored.outcome === 'final',
  };
  if (stored.outcome !== 'recorded') return result;
  await deps.accounts.recordContact(
    {
      accountId: link.accountId,
      at: answeredAt.toISOString(),
      kind: 'survey-answer',
      note: timelineNote(link, answer),
      source: 'survey',
    },
    answeredAt,
  );
  await deps.events.publish([
    {
      detailType: SURVEY_ANSWERED,
      detail: {
        accountId: link.accountId,
        surveyId: link.surveyId,
        kind: link.kind,
        score: answer.score,
        answeredAt: answeredAt.toISOString(),
        revised: stored.revised,
      },
      time: answeredAt,
    },
  ]);
  return result;
}
