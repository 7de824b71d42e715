import type { EventBridgeEvent } from 'aws-lambda';
import { readRuntime } from '../config/runtime.ts';
import '../config/zod-messages.ts';
import { readDeployedSettings } from '../config/deployed-settings.ts';
import { type SURVEY_ANSWERED, surveyAnsweredSchema } from '../core/events/account-health.ts';
import { isDetractor } from '../core/health/health-score.ts';
import { recomputeHealth, recordNegativeSignal } from '../core/health/negative-signal.ts';
import type { HealthDeps } from '../core/health/ports.ts';
import { METRIC } from '../shared/metric-names.ts';
import { logger, publishCounts } from '../shared/observability.ts';
import { createHealthWiring } from './health-wiring.ts';

export interface HealthSignalDeps extends HealthDeps {
  /** Where the answer's comment is read from (events never carry comments). */
  surveys: {
    getSurvey(accountId: string, surveyId: string): Promise<{ comment?: string | undefined } | undefined>;
  };
}

/**
 * `Survey Answered` → health: a detractor answer is a negative signal (owner alert, risk, cohort
 * check); any other answer only recomputes the account's health. Redeliveries are no-ops.
 */
export async function handleSurveyAnswered(
  event: Pick<EventBridgeEvent<string, unknown>, 'detail'>,
  deps: HealthSignalDeps,
): Promise<{ accountId: string; detractor: boolean }> {
  const d = surveyAnsweredSchema().parse(event.detail);
  const detractor = isDetractor(d.kind, d.score, deps.settings.risk);
  if (detractor) {
    const survey = await deps.surveys.getSurvey(d.accountId, d.surveyId);
    const r = await recordNegativeSignal(deps, {
      accountId: d.accountId,
      kind: 'detractor',
      at: new Date(d.answeredAt),
      score: d.score,
      surveyKind: d.kind,
      comment: survey?.comment,
      source: 'survey',
      externalId: d.surveyId,
    });
    logger.info('detractor recorded', {
      accountId: d.accountId,
      signalId: r.signalId,
      recorded: r.recorded,
      alerted: r.alerted,
      cohortFlagged: r.cohortFlagged.length,
    });
  } else {
    await recomputeHealth(deps, d.accountId);
  }
  publishCounts({ [METRIC.detractors]: detractor ? 1 : 0 });
  return { accountId: d.accountId, detractor };
}

let wiring: HealthSignalDeps | undefined;

export const handler = async (event: EventBridgeEvent<typeof SURVEY_ANSWERED, unknown>) => {
  wiring ??= createHealthWiring(readRuntime(), readDeployedSettings());
  return handleSurveyAnswered(event, wiring);
};
