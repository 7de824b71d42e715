import type { EventBridgeEvent } from 'aws-lambda';
import { readRuntime } from '../config/runtime.ts';
import '../config/zod-messages.ts';
import { readDeployedSettings } from '../config/deployed-settings.ts';
import { type SURVEY_ANSWERED, surveyAnsweredSchema } from '../core/events/account-health.ts';
import { applySurveyAnswer, type SurveyAnswerDeps } from '../core/health/apply-survey-answer.ts';
import { METRIC } from '../shared/metric-names.ts';
import { logger, publishCounts } from '../shared/observability.ts';
import { createHealthDeps } from './wiring/health.ts';

/** What the job needs: the health ports and where answers' comments are read. */
export type HealthSignalDeps = SurveyAnswerDeps;

/** `Survey Answered` → health (core/health/apply-survey-answer.ts). Redeliveries are no-ops. */
export async function handleSurveyAnswered(
  event: Pick<EventBridgeEvent<string, unknown>, 'detail'>,
  deps: HealthSignalDeps,
): Promise<{ accountId: string; detractor: boolean }> {
  const { accountId, detractor, signal } = await applySurveyAnswer(
    deps,
    surveyAnsweredSchema().parse(event.detail),
  );
  if (signal) logger.info('detractor recorded', { accountId, ...signal });
  publishCounts({ [METRIC.detractors]: detractor ? 1 : 0 });
  return { accountId, detractor };
}

let deps: HealthSignalDeps | undefined;

export const handler = async (event: EventBridgeEvent<typeof SURVEY_ANSWERED, unknown>) => {
  deps ??= createHealthDeps(readRuntime(), readDeployedSettings());
  return handleSurveyAnswered(event, deps);
};
