import { parseSesFeedbackEvent } from '../adapters/ses/feedback-event.ts';
import { readRuntime } from '../config/runtime.ts';
import { type AddressSuppressor, applyEmailFeedback, type FeedbackOutcome } from '../core/email/feedback.ts';
import { METRIC } from '../shared/metric-names.ts';
import { logger, publishCounts } from '../shared/observability.ts';
import { createSesEventsDeps } from './wiring/ses-events.ts';

export interface SesEventsDeps {
  addresses: AddressSuppressor;
}

/**
 * SES bounce and complaint events (forwarded onto the tool's bus): a hard bounce or a complaint
 * suppresses the recipient, so the send path never mails it again; a soft bounce changes nothing.
 * An event that does not validate throws, so it is retried and then parked in the job's dead letters.
 */
export async function handleSesEvent(event: unknown, deps: SesEventsDeps): Promise<FeedbackOutcome> {
  const feedback = parseSesFeedbackEvent(event);
  const outcome = await applyEmailFeedback(feedback, deps);
  // The SES message id and counts only: never the addresses.
  logger.info('email feedback', {
    feedback: feedback.kind,
    ...(feedback.kind === 'bounce' ? { bounceType: feedback.bounceType } : {}),
    messageId: feedback.messageId,
    ...outcome,
  });
  publishCounts({ [METRIC.addressesSuppressed]: outcome.suppressed });
  return outcome;
}

let deps: SesEventsDeps | undefined;

export const handler = async (event: unknown): Promise<FeedbackOutcome> => {
  deps ??= createSesEventsDeps(readRuntime());
  return handleSesEvent(event, deps);
};
