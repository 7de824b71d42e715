/**
 * Every kind of email the tool sends, each named once. Every `sendClaimed` call names the kind it
 * sends (`SendRequest.email`), the name goes out as the SES message tag `email` (so SES events
 * and metrics tell the kinds apart), and the crash-at-every-step harness
 * (`test/unit/send/crash-at-every-step.test.ts`) runs one world per entry here: a new kind of email
 * cannot be added without its crash test.
 *
 * The send key's `kind` (`SendKey.kind`) is a different thing: it keys the ledger, and several
 * kinds of email share one (the owner alert, the cohort alert and the escalation are all
 * `owner-alert` sends, with different cycles).
 */
export const EMAIL_KINDS = {
  'check-in': 'a check-in from the owner to a due account’s contact (scan)',
  survey: 'an NPS or CSAT survey to a due account’s contact (scan)',
  'survey-reminder': 'the one reminder of an unanswered survey (scan)',
  'owner-note': 'a note to the owner of a due account: a nudge by policy, or no contact reachable (scan)',
  birthday: 'a birthday greeting to a contact, on the day (scan)',
  anniversary: 'a customer anniversary greeting to a key account’s contact, on the day (scan)',
  'qbr-reminder': 'a quarterly business review reminder to the owner (scan)',
  'owner-alert': 'the owner’s alert on a detractor answer or a complaint (health signals, CRM events)',
  'cohort-alert': 'the owner’s alert on several signals in one product or segment (health signals)',
  escalation: 'an alert the owner did not acknowledge in time, to the manager (escalate)',
  digest: 'an owner’s periodic digest (digest)',
} as const;

export type EmailKind = keyof typeof EMAIL_KINDS;
