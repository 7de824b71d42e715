import { isDetractor } from '../domain/vocabulary.ts';
import type { SurveyAnsweredDetail } from '../events/account-health.ts';
import { recomputeHealth, recordNegativeSignal } from './negative-signal.ts';
import type { HealthDeps } from './ports.ts';

export interface SurveyAnswerDeps extends HealthDeps {
  /** Where the answer's comment is read from (events never carry comments). */
  surveys: {
    getSurvey(
      accountId: string,
      surveyId: string,
    ): Promise<
      | {
          score?: number | undefined;
          comment?: string | undefined;
          contactEmail?: string | undefined;
          contactName?: string | undefined;
        }
      | undefined
    >;
  };
}

export interface SurveyAnswerOutcome {
  accountId: string;
  detractor: boolean;
  /** For a detractor: what the negative signal did. */
  signal?: { signalId: string; recorded: boolean; alerted: boolean; cohortFlagged: number } | undefined;
}

/**
 * What an answer means for health: a detractor answer is a negative signal (owner alert, risk,
 * cohort check); any other answer only recomputes the account's health. Redeliveries are no-ops.
 */
export async function applySurveyAnswer(
  deps: SurveyAnswerDeps,
  answer: SurveyAnsweredDetail,
): Promise<SurveyAnswerOutcome> {
  // The stored answer, not the event's: after racing revisions the signal (one per survey) and the
  // owner alert quote the answer that stands, not whichever event arrived first.
  const survey = await deps.surveys.getSurvey(answer.accountId, answer.surveyId);
  const score = survey?.score ?? answer.score;
  const detractor = isDetractor(answer.kind, score, deps.settings.risk);
  if (!detractor) {
    await recomputeHealth(deps, answer.accountId);
    return { accountId: answer.accountId, detractor };
  }
  const r = await recordNegativeSignal(deps, {
    accountId: answer.accountId,
    kind: 'detractor',
    at: new Date(answer.answeredAt),
    score,
    surveyKind: answer.kind,
    comment: survey?.comment,
    source: 'survey',
    externalId: answer.surveyId,
    contact: survey?.contactEmail ? { email: survey.contactEmail, name: survey.contactName } : undefined,
  });
  return {
    accountId: answer.accountId,
    detractor,
    signal: {
      signalId: r.signalId,
      recorded: r.recorded,
      alerted: r.alerted,
      cohortFlagged: r.cohortFlagged.length,
    },
  };
}
