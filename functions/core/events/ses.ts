/**
 * The events SES publishes for the tool's configuration set (source `aws.ses`), forwarded onto the
 * tool's bus (lib/constructs/email-sending.ts): a bounce and a complaint. Their detail is SES's
 * event-publishing record, checked where it is read (functions/adapters/ses/feedback-event.ts).
 */
export const SES_EVENT_SOURCE = 'aws.ses';

export const EMAIL_BOUNCED = 'Email Bounced';
export const EMAIL_COMPLAINT_RECEIVED = 'Email Complaint Received';

/** The detail-types of the events the configuration set publishes (BOUNCE and COMPLAINT). */
export const SES_FEEDBACK_DETAIL_TYPES = [EMAIL_BOUNCED, EMAIL_COMPLAINT_RECEIVED] as const;
