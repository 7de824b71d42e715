import * as z from 'zod/mini';
import '../../config/zod-messages.ts';
import type { EmailFeedback } from '../../core/email/feedback.ts';
import { SES_EVENT_SOURCE, SES_FEEDBACK_DETAIL_TYPES } from '../../core/events/ses.ts';

/**
 * SES bounce and complaint events as EventBridge delivers them: SES publishes our configuration
 * set's events to the account's default bus, and a rule forwards them onto the tool's bus
 * (lib/constructs/email-sending.ts). `detail` is SES's event-publishing record: `eventType`, the
 * `bounce` or `complaint` object, and `mail` (the original message, with its tags). Only the fields
 * the tool reads are validated; SES adds fields over time and the rest are ignored.
 */

const instant = z.iso.datetime({ offset: true });
const recipient = z.object({ emailAddress: z.string().check(z.includes('@')) });
const mail = z.object({ messageId: z.string().check(z.minLength(1)) });

const sesFeedbackEventSchema = z.object({
  source: z.literal(SES_EVENT_SOURCE),
  'detail-type': z.enum(SES_FEEDBACK_DETAIL_TYPES),
  detail: z.discriminatedUnion('eventType', [
    z.object({
      eventType: z.literal('Bounce'),
      bounce: z.object({
        bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
        bouncedRecipients: z.array(recipient).check(z.minLength(1)),
        timestamp: instant,
      }),
      mail,
    }),
    z.object({
      eventType: z.literal('Complaint'),
      complaint: z.object({
        complainedRecipients: z.array(recipient).check(z.minLength(1)),
        complaintFeedbackType: z.optional(z.nullable(z.string())),
        timestamp: instant,
      }),
      mail,
    }),
  ]),
});

/** The event was not an SES bounce or complaint the tool understands. Names paths, never values. */
export class InvalidSesEventError extends Error {
  constructor(readonly problems: string[]) {
    super(`Not an SES bounce or complaint event: ${problems.join('; ')}`);
    this.name = 'InvalidSesEventError';
  }
}

/** Validates an SES bounce or complaint event and turns it into the domain's feedback. */
export function parseSesFeedbackEvent(event: unknown): EmailFeedback {
  const parsed = sesFeedbackEventSchema.safeParse(event);
  if (!parsed.success)
    throw new InvalidSesEventError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`),
    );
  const { detail } = parsed.data;
  if (detail.eventType === 'Bounce')
    return {
      kind: 'bounce',
      bounceType: detail.bounce.bounceType,
      recipients: detail.bounce.bouncedRecipients.map((r) => r.emailAddress),
      at: new Date(detail.bounce.timestamp),
      messageId: detail.mail.messageId,
    };
  return {
    kind: 'complaint',
    feedbackType: detail.complaint.complaintFeedbackType ?? undefined,
    recipients: detail.complaint.complainedRecipients.map((r) => r.emailAddress),
    at: new Date(detail.complaint.timestamp),
    messageId: detail.mail.messageId,
  };
}
