import * as z from 'zod/mini';

/**
 * Every event the tool publishes (source `account-health`): its detail-type, the schema of its
 * detail and the detail's type, together. docs/events.md describes each one; details carry ids and
 * scores, never email addresses, names or comments.
 *
 * The schemas say what a consumer may rely on; they are not strict (a detail may carry more).
 */

/** Every event this tool puts on the bus has this source. */
export const EVENT_SOURCE = 'account-health';

// Schemas are built on first use, not at import (`once`, marked pure): a producer that only needs
// an event's name does not carry zod into its Lambda bundle.
const id = () => z.string().check(z.minLength(1));
const instant = () => z.iso.datetime({ offset: true });
const surveyKind = () => z.enum(['nps', 'csat']);
const once = <T>(build: () => T): (() => T) => {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
};

/** A check-in email went out. */
export const CHECK_IN_SENT = 'Check-in Sent';
export const checkInSentSchema = /* @__PURE__ */ once(() =>
  z.object({
    accountId: id(),
    kind: z.literal('check-in'),
    tier: z.string(),
    cycle: z.string(),
    messageId: z.string(),
  }),
);
export type CheckInSentDetail = z.infer<ReturnType<typeof checkInSentSchema>>;

/** A survey (or its reminder) went out. */
export const SURVEY_SENT = 'Survey Sent';
export const surveySentSchema = /* @__PURE__ */ once(() =>
  z.union([
    z.object({
      accountId: id(),
      kind: z.literal('survey'),
      survey: surveyKind(),
      tier: z.string(),
      cycle: z.string(),
      messageId: z.string(),
    }),
    z.object({
      accountId: id(),
      surveyId: id(),
      kind: z.literal('survey-reminder'),
      survey: surveyKind(),
      messageId: z.string(),
    }),
  ]),
);
export type SurveySentDetail = z.infer<ReturnType<typeof surveySentSchema>>;

/** A contact answered a survey (read by the health-signals job). */
export const SURVEY_ANSWERED = 'Survey Answered';
export const surveyAnsweredSchema = /* @__PURE__ */ once(() =>
  z.object({
    accountId: id(),
    surveyId: id(),
    kind: surveyKind(),
    score: z.int(),
    answeredAt: instant(),
    /** True when this answer replaces an earlier one to the same survey. */
    revised: z.optional(z.boolean()),
  }),
);
export type SurveyAnsweredDetail = z.infer<ReturnType<typeof surveyAnsweredSchema>>;

/** The owner was told about an account (no reachable contact, or the tier's policy). */
export const OWNER_ALERTED = 'Owner Alerted';
export const ownerAlertedSchema = /* @__PURE__ */ once(() =>
  z.object({
    accountId: id(),
    kind: z.enum(['owner-alert', 'owner-nudge']),
    reason: z.optional(z.string()),
    tier: z.string(),
    cycle: z.string(),
    messageId: z.string(),
  }),
);
export type OwnerAlertedDetail = z.infer<ReturnType<typeof ownerAlertedSchema>>;

/** An account is at risk: from a negative signal (detractor, complaint) or from its cohort. */
export const ACCOUNT_AT_RISK = 'Account At Risk';
export const accountAtRiskSchema = /* @__PURE__ */ once(() =>
  z.union([
    z.object({
      accountId: id(),
      signalId: id(),
      kind: z.enum(['detractor', 'complaint']),
      score: z.optional(z.number()),
      surveyKind: z.optional(surveyKind()),
      source: z.string(),
      at: z.string(),
      until: z.optional(z.string()),
      health: z.optional(z.object({ score: z.number(), band: z.string() })),
    }),
    z.object({
      accountId: id(),
      kind: z.literal('cohort'),
      dimension: z.string(),
      value: z.string(),
      signals: z.number(),
      windowDays: z.number(),
      until: z.string(),
    }),
  ]),
);
export type AccountAtRiskDetail = z.infer<ReturnType<typeof accountAtRiskSchema>>;

/** An at-risk account's signals aged out. */
export const ACCOUNT_RECOVERED = 'Account Recovered';
export const accountRecoveredSchema = /* @__PURE__ */ once(() =>
  z.object({ accountId: id(), atRiskSince: z.string(), recoveredAt: instant() }),
);
export type AccountRecoveredDetail = z.infer<ReturnType<typeof accountRecoveredSchema>>;

/** A contact with an account was recorded by the tool (`log-contact`, an owner's "mark contacted"). */
export const CONTACT_LOGGED = 'Contact Logged';
export const contactLoggedSchema = /* @__PURE__ */ once(() =>
  z.object({
    accountId: id(),
    /** When the contact happened (ISO instant(), UTC). */
    at: instant(),
    /** The timeline kind of the touch, e.g. `note`. */
    kind: z.string(),
    /** Who recorded it: `cli`, `owner-action`. */
    source: z.string(),
  }),
);
export type ContactLoggedDetail = z.infer<ReturnType<typeof contactLoggedSchema>>;

/**
 * An owner's digest went out. It names no owner: an owner has no id but the address, and a hash of
 * an address is reversible from a staff list; `messageId` ties it to the email for whoever may know.
 */
export const DIGEST_SENT = 'Digest Sent';
export const digestSentSchema = /* @__PURE__ */ once(() =>
  z.object({
    period: z.string(),
    cadence: z.string(),
    counts: z.record(z.string(), z.number()),
    messageId: z.string(),
  }),
);
export type DigestSentDetail = z.infer<ReturnType<typeof digestSentSchema>>;

export const OUTBOUND_DETAIL_TYPES = [
  CHECK_IN_SENT,
  SURVEY_SENT,
  SURVEY_ANSWERED,
  OWNER_ALERTED,
  ACCOUNT_AT_RISK,
  ACCOUNT_RECOVERED,
  CONTACT_LOGGED,
  DIGEST_SENT,
] as const;
export type OutboundDetailType = (typeof OUTBOUND_DETAIL_TYPES)[number];
