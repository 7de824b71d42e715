/**
 * The business metrics the functions publish (CloudWatch embedded metric format, through
 * Powertools Metrics), declared once: the handlers emit them, the stack's dashboard graphs them.
 * Every one is a Count, in namespace `METRIC_NAMESPACE` with the dimension `service`.
 */
export const METRIC_NAMESPACE = 'AccountHealth';
export const METRIC_SERVICE = 'account-health';

export const METRIC = {
  // scan
  dueFound: 'DueFound',
  checkInsSent: 'CheckInsSent',
  surveysSent: 'SurveysSent',
  remindersSent: 'SurveyRemindersSent',
  ownerNotesSent: 'OwnerNotesSent',
  touchesSent: 'TouchesSent',
  sendsDeferred: 'SendsDeferred',
  scanFailures: 'ScanFailures',
  // digest
  digestsSent: 'DigestsSent',
  digestFailures: 'DigestFailures',
  // http
  surveyAnswers: 'SurveyAnswers',
  unsubscribes: 'Unsubscribes',
  ownerActions: 'OwnerActions',
  // health-signals, escalate
  detractors: 'Detractors',
  alertsEscalated: 'AlertsEscalated',
  accountsRecovered: 'AccountsRecovered',
  escalateFailures: 'EscalateFailures',
  // ses-events
  addressesSuppressed: 'AddressesSuppressed',
  // crm-events: accepted (applied, or already applied) and refused (dead-lettered)
  crmEventsAccepted: 'CrmEventsAccepted',
  crmEventsRejected: 'CrmEventsRejected',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];
