import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import './zod-messages.ts';
import { DEFAULT_DETRACTOR_LIMITS, TIERS } from '../core/domain/vocabulary.ts';
import { isTimeZone } from '../shared/time-zone.ts';
import { ConfigError } from './config-error.ts';
import { companySchema, languageTag, questionsSchema } from './voice-settings.ts';

export { ConfigError };

/**
 * The business configuration: tiering rules, contact cadence, sending policy.
 * Every field has a documented default (README, "Configuration"), so an empty file is a valid config.
 */

const tierSchema = z.enum(TIERS);

/** One tiering rule: all conditions it names must hold; the first matching rule decides the tier. */
const tierRuleSchema = z
  .strictObject({
    tier: tierSchema,
    minAnnualRevenue: z.optional(z.number().check(z.nonnegative())),
    minMarginPct: z.optional(z.number().check(z.minimum(-100), z.maximum(100))),
    minEmployees: z.optional(z.int().check(z.nonnegative())),
    strategic: z.optional(z.literal(true)),
  })
  .check(
    z.refine(
      (r) =>
        r.minAnnualRevenue !== undefined ||
        r.minMarginPct !== undefined ||
        r.minEmployees !== undefined ||
        r.strategic !== undefined,
      { message: 'a tiering rule needs at least one condition' },
    ),
  );
export type TierRule = z.infer<typeof tierRuleSchema>;

/** A cadence: how long after the last contact an account becomes due again. */
const cadenceSchema = z.union([
  z.strictObject({ days: z.int().check(z.positive()) }),
  z.strictObject({ months: z.int().check(z.positive()) }),
]);
export type Cadence = z.infer<typeof cadenceSchema>;

/**
 * A check-in tier's formal ask: a relationship survey on its own cadence, counted from the last
 * survey sent for the account (or from when it was first recorded). It shares the contact's fatigue
 * budget and never goes out in the same week as a check-in (core/outreach/tier-policy.ts).
 */
const relationshipSurveySchema = z.strictObject({
  /** @default 'nps' */
  survey: z._default(z.enum(['nps', 'csat']), 'nps'),
  /** Days between relationship surveys to the account. @default 90 */
  everyDays: z._default(z.int().check(z.minimum(14), z.maximum(730)), 90),
});

/**
 * check-in: a personal email from the owner, with an optional relationship survey on its own
 * cadence; survey: an NPS or CSAT survey; owner-nudge: an email to the owner asking them to reach
 * out; none: nothing (the account is only listed as due).
 */
const outreachPolicySchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('check-in'),
    /** Absent: check-ins only. */
    relationshipSurvey: z.optional(relationshipSurveySchema),
  }),
  z.strictObject({ action: z.literal('survey'), survey: z._default(z.enum(['nps', 'csat']), 'nps') }),
  z.strictObject({ action: z.literal('owner-nudge') }),
  z.strictObject({ action: z.literal('none') }),
]);
export type OutreachPolicy = z.infer<typeof outreachPolicySchema>;

const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h)'));

export const timeZoneSchema = z.string().check(z.refine(isTimeZone, { message: 'not an IANA time zone' }));

export const settingsSchema = z.strictObject({
  /** Who the emails and pages speak for (voice-settings.ts). */
  company: z.prefault(companySchema, {}),
  /** The language of a contact when neither the contact nor the account names one (BCP 47). */
  defaultLanguage: z._default(languageTag, 'en'),
  tiering: z.prefault(
    z.strictObject({
      rules: z._default(z.array(tierRuleSchema), [
        { tier: 'key', strategic: true },
        { tier: 'key', minAnnualRevenue: 250_000 },
        { tier: 'key', minAnnualRevenue: 100_000, minMarginPct: 40 },
        { tier: 'growth', minAnnualRevenue: 50_000 },
        { tier: 'growth', minEmployees: 200 },
      ]),
      defaultTier: z._default(tierSchema, 'standard'),
    }),
    {},
  ),
  cadence: z.prefault(
    z.strictObject({
      key: z._default(cadenceSchema, { days: 30 }),
      growth: z._default(cadenceSchema, { days: 60 }),
      standard: z._default(cadenceSchema, { days: 90 }),
    }),
    {},
  ),
  /** Used when neither the contact nor the account names a time zone. */
  defaultTimeZone: z._default(timeZoneSchema, 'UTC'),
  businessHours: z.prefault(
    z.strictObject({
      start: z._default(hhmm, '09:00'),
      end: z._default(hhmm, '17:00'),
      /** ISO weekdays, 1 = Monday. */
      days: z._default(
        z.array(z.int().check(z.minimum(1), z.maximum(7))).check(z.minLength(1)),
        [1, 2, 3, 4, 5],
      ),
    }),
    {},
  ),
  /** What a due account gets, per tier. */
  outreach: z.prefault(
    z.strictObject({
      /** @default { action: 'check-in', relationshipSurvey: { survey: 'nps', everyDays: 90 } } */
      key: z._default(outreachPolicySchema, {
        action: 'check-in',
        relationshipSurvey: { survey: 'nps', everyDays: 90 },
      }),
      /** @default { action: 'survey', survey: 'nps' } */
      growth: z._default(outreachPolicySchema, { action: 'survey', survey: 'nps' }),
      /** @default { action: 'survey', survey: 'csat' } */
      standard: z._default(outreachPolicySchema, { action: 'survey', survey: 'csat' }),
    }),
    {},
  ),
  /** One budget per contact address across every kind of mail the tool sends. */
  fatigue: z.prefault(
    z.strictObject({
      minDaysBetweenMessages: z._default(z.int().check(z.minimum(0)), 7),
      minDaysBetweenSurveys: z._default(z.int().check(z.minimum(0)), 90),
    }),
    {},
  ),
  surveys: z.prefault(
    z.strictObject({
      /** Days a survey link stays valid. */
      expiryDays: z._default(z.int().check(z.minimum(1), z.maximum(365)), 30),
      /**
       * Days after which a non-responder gets one reminder; never sooner than
       * `fatigue.minDaysBetweenMessages` after the survey (the reminder is another email).
       */
      reminderAfterDays: z._default(z.int().check(z.minimum(1)), 7),
      /** How often a contact may change a stored answer; past that the page says the answer is final. */
      maxRevisions: z._default(z.int().check(z.minimum(0), z.maximum(1000)), 5),
      /** The business's own wording of the question and the follow-up, per kind and tier. */
      questions: questionsSchema,
    }),
    {},
  ),
  sending: z.prefault(
    z.strictObject({
      /** Sends per second across a tick; keep it under the SES account's rate. */
      maxPerSecond: z._default(z.number().check(z.positive(), z.maximum(1000)), 10),
      /** How long a claimed send may stay unfinished before another run may retry it. */
      claimLeaseMinutes: z._default(z.int().check(z.minimum(1), z.maximum(24 * 60)), 15),
    }),
    {},
  ),
  /**
   * The owner digest (docs/digests.md): when it goes out, in the owner's time zone (the zone most of
   * the owner's accounts use, else `defaultTimeZone`).
   */
  digest: z.prefault(
    z.strictObject({
      /** weekly: on `weekday`; daily: on each business day (`businessHours.days`); monthly: on the 1st. */
      cadence: z._default(z.enum(['daily', 'weekly', 'monthly']), 'weekly'),
      /** ISO weekday of the weekly digest, 1 = Monday. @default 1 */
      weekday: z._default(z.int().check(z.minimum(1), z.maximum(7)), 1),
      /** Local time from which the digest may go out (the hourly job sends it at the first tick after). */
      localTime: z._default(hhmm, '08:00'),
      /** Send a digest even when there is nothing to report. */
      sendWhenEmpty: z._default(z.boolean(), false),
    }),
    {},
  ),
  /** Personal touches, each switchable: greetings to contacts and quarterly-review reminders to owners. */
  touches: z.prefault(
    z.strictObject({
      /** A greeting to a key account's primary contact on its customer-since date. */
      anniversaries: z._default(z.boolean(), true),
      /** A greeting to a contact on their birthday (MM-DD; 29 Feb falls on 28 Feb in other years). */
      birthdays: z._default(z.boolean(), true),
      /** A reminder to the owner of a key account on each quarter anniversary of its customer-since date. */
      quarterlyReviews: z._default(z.boolean(), true),
    }),
    {},
  ),
  /**
   * The health score (docs/health.md): 100 minus penalties, each at most its weight; the band
   * follows from the thresholds. Every penalty comes with its reason.
   */
  health: z.prefault(
    z.strictObject({
      weights: z.prefault(
        z.strictObject({
          /**
           * No contact for longer than the tier's cadence: 0 at the cadence, the full weight at twice
           * it; half the weight when no contact is on record at all.
           */
          recency: z._default(z.number().check(z.minimum(0), z.maximum(100)), 65),
          /** The latest NPS/CSAT answer: full for a detractor, 40% for a passive, none for a promoter. */
          latestSurvey: z._default(z.number().check(z.minimum(0), z.maximum(100)), 65),
          /** The latest answer is lower than the one before (by 2 NPS points or 1 CSAT point or more). */
          trend: z._default(z.number().check(z.minimum(0), z.maximum(100)), 10),
          /** Complaints inside `risk.signalWindowDays`: the full weight per complaint, capped at the weight. */
          complaints: z._default(z.number().check(z.minimum(0), z.maximum(100)), 65),
          /** Surveys sent and not answered: half the weight each, capped at the weight. */
          unansweredSurveys: z._default(z.number().check(z.minimum(0), z.maximum(100)), 10),
          /** Risk inherited from a cohort signal (same product or segment). */
          cohortRisk: z._default(z.number().check(z.minimum(0), z.maximum(100)), 35),
        }),
        {},
      ),
      /** Band thresholds: green at or above `green`, yellow at or above `yellow`, red below. */
      bands: z.prefault(
        z.strictObject({
          green: z._default(z.int().check(z.minimum(0), z.maximum(100)), 70),
          yellow: z._default(z.int().check(z.minimum(0), z.maximum(100)), 40),
        }),
        {},
      ),
    }),
    {},
  ),
  /** Negative signals, owner alerts and escalation. */
  risk: z.prefault(
    z.strictObject({
      /** NPS answers at or below this are detractors (NPS is 0-10). */
      npsDetractorMax: z._default(
        z.int().check(z.minimum(0), z.maximum(10)),
        DEFAULT_DETRACTOR_LIMITS.npsDetractorMax,
      ),
      /** CSAT answers at or below this are detractors (CSAT is 1-5). */
      csatDetractorMax: z._default(
        z.int().check(z.minimum(1), z.maximum(5)),
        DEFAULT_DETRACTOR_LIMITS.csatDetractorMax,
      ),
      /** A signal keeps its account at risk for this many days; after that the account recovers. */
      signalWindowDays: z._default(z.int().check(z.minimum(1), z.maximum(365)), 30),
      /** An alert the owner has not acknowledged within this many hours goes to their manager, once. */
      escalateAfterHours: z._default(z.number().check(z.positive(), z.maximum(24 * 30)), 24),
      /** Who gets escalations when neither the account nor the owner registry names a manager. */
      defaultManagerEmail: z.optional(z.email()),
      /** How long the links in an owner alert work. */
      actionLinkDays: z._default(z.int().check(z.minimum(1), z.maximum(365)), 30),
    }),
    {},
  ),
  /** Cohort risk: several negative signals on one product or segment put its other key accounts at risk. */
  cohort: z.prefault(
    z.strictObject({
      /** Negative signals on distinct accounts that make a cohort signal. */
      minSignals: z._default(z.int().check(z.minimum(2)), 3),
      /** ... within this many days. */
      windowDays: z._default(z.int().check(z.minimum(1), z.maximum(90)), 14),
      /** What accounts share to form a cohort. */
      dimensions: z._default(z.array(z.enum(['product', 'segment'])), ['product', 'segment']),
    }),
    {},
  ),
  /** Write shards of the due index. Fixed for the life of a table: changing it needs a re-index. */
  dueShards: z._default(z.int().check(z.minimum(1), z.maximum(256)), 16),
});

export type Settings = z.infer<typeof settingsSchema>;

/** Validates raw settings, with every problem named by its path. */
export function parseSettings(raw: unknown, source = 'settings'): Settings {
  const result = settingsSchema.safeParse(raw ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid ${source}:\n${problems.join('\n')}`);
  }
  const unnamed = result.data.company.name ? [] : companyPlaceholderPaths(result.data.surveys.questions);
  if (unnamed.length)
    throw new ConfigError(
      `Invalid ${source}:\n${unnamed.map((p) => `  ${p}: uses {company}, but company.name is not set`).join('\n')}`,
    );
  return result.data;
}

/** The paths of configured wording that names {company}. */
function companyPlaceholderPaths(questions: Settings['surveys']['questions']): string[] {
  const paths: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (/\{\s*company\s*\}/.test(value)) paths.push(path);
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
  };
  visit(questions, 'surveys.questions');
  return paths;
}

export const SETTINGS_FILE = 'account-health.config.json';

/**
 * Loads settings once: from AH_SETTINGS (JSON, as the deployed functions get it), else from
 * AH_SETTINGS_FILE or ./account-health.config.json when present, else the defaults.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  if (env.AH_SETTINGS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.AH_SETTINGS);
    } catch (e) {
      throw new ConfigError(`AH_SETTINGS is not valid JSON: ${(e as Error).message}`);
    }
    return parseSettings(parsed, 'AH_SETTINGS');
  }
  const file = resolve(env.AH_SETTINGS_FILE ?? SETTINGS_FILE);
  if (!existsSync(file)) {
    if (env.AH_SETTINGS_FILE) throw new ConfigError(`AH_SETTINGS_FILE names ${file}, which does not exist`);
    return parseSettings({});
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseSettings(parsed, file);
}
