/**
 * SES bounce and complaint events as they reach the tool's bus: EventBridge's envelope around SES's
 * event-publishing record, with every field SES sends (shape from the SES developer guide, "Examples
 * of event data that Amazon SES publishes", and "Monitoring SES events using Amazon EventBridge").
 */

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
export const CONFIGURATION_SET = 'AccountHealth-emailconfigurationset-EXAMPLE';

function mail(recipients: string[], messageId: string) {
  const sentAt = '2026-11-18T10:00:01.512Z';
  return {
    timestamp: sentAt,
    source: '"Olivia Owner" <checkins@sender.test>',
    sourceArn: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/sender.test`,
    sendingAccountId: ACCOUNT,
    messageId,
    destination: recipients,
    headersTruncated: false,
    headers: [
      { name: 'From', value: '"Olivia Owner" <checkins@sender.test>' },
      { name: 'Reply-To', value: 'owner@owners.test' },
      { name: 'To', value: recipients.join(', ') },
      { name: 'Subject', value: 'Checking in' },
      { name: 'MIME-Version', value: '1.0' },
      { name: 'Content-Type', value: 'multipart/alternative; boundary="----=_Part_7307378_1629847660"' },
    ],
    commonHeaders: {
      from: ['"Olivia Owner" <checkins@sender.test>'],
      replyTo: ['owner@owners.test'],
      to: recipients,
      messageId,
      subject: 'Checking in',
    },
    tags: {
      'ses:source-tls-version': ['TLSv1.3'],
      'ses:operation': ['SendEmail'],
      'ses:configuration-set': [CONFIGURATION_SET],
      'ses:source-ip': ['192.0.2.10'],
      'ses:from-domain': ['sender.test'],
      'ses:caller-identity': ['AccountHealth-scanfunctionrole-EXAMPLE'],
      kind: ['check-in'],
      account: ['A-1'],
    },
  };
}

function envelope(detailType: string, detail: Record<string, unknown>) {
  return {
    version: '0',
    id: '2a1d8e4f-6c0b-4c3e-9c3e-5a0f6e9b8d71',
    'detail-type': detailType,
    source: 'aws.ses',
    account: ACCOUNT,
    time: '2026-11-18T10:00:03Z',
    region: REGION,
    resources: [`arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/${CONFIGURATION_SET}`],
    detail,
  };
}

export function sesBounceEvent(
  recipients: string[],
  opts: {
    bounceType?: 'Permanent' | 'Transient' | 'Undetermined';
    bounceSubType?: string;
    messageId?: string;
  } = {},
) {
  const bounceType = opts.bounceType ?? 'Permanent';
  const messageId = opts.messageId ?? '010001935a7b3c2d-bounce-example-000000';
  return envelope('Email Bounced', {
    eventType: 'Bounce',
    bounce: {
      feedbackId: '010001935a7b3d01-feedback-example-000000',
      bounceType,
      bounceSubType: opts.bounceSubType ?? (bounceType === 'Transient' ? 'MailboxFull' : 'General'),
      bouncedRecipients: recipients.map((emailAddress) => ({
        emailAddress,
        action: 'failed',
        status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2',
        diagnosticCode:
          bounceType === 'Permanent' ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
      })),
      timestamp: '2026-11-18T10:00:02.669Z',
      remoteMtaIp: '198.51.100.7',
      reportingMTA: 'dsn; a8-30.smtp-out.amazonses.com',
    },
    mail: mail(recipients, messageId),
  });
}

export function sesComplaintEvent(
  recipients: string[],
  opts: { feedbackType?: string | null; messageId?: string } = {},
) {
  const messageId = opts.messageId ?? '010001935a7b3c2d-complaint-example-000000';
  return envelope('Email Complaint Received', {
    eventType: 'Complaint',
    complaint: {
      feedbackId: '010001935a7b4e02-feedback-example-000000',
      complaintSubType: null,
      complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
      timestamp: '2026-11-19T08:15:00.000Z',
      userAgent: 'Mozilla/5.0 (compatible; ExampleFBL/1.0)',
      complaintFeedbackType: opts.feedbackType === undefined ? 'abuse' : opts.feedbackType,
      arrivalDate: '2026-11-19T08:14:58.000Z',
    },
    mail: mail(recipients, messageId),
  });
}
