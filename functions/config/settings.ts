import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import './zod-messages.ts';

/**
 * The business configuration: tiering rules, contact cadence, sending policy.
 * Every field has a documented default (README, "Configuration"), so an empty file is a valid config.
 */

const tierSchema = z.enum(['key', 'growth', 'standard']);
export type Tier = z.infer<typeof tierSchema>;
export const TIERS = tierSchema.options;

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
 * check-in: a personal email from the owner; survey: an NPS or CSAT survey; owner-nudge: an email
 * to the owner asking them to reach out; none: nothing (the account is only listed as due).
 */
const outreachPolicySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('check-in') }),
  z.strictObject({ action: z.literal('survey'), survey: z._default(z.enum(['nps', 'csat']), 'nps') }),
  z.strictObject({ action: z.literal('owner-nudge') }),
  z.strictObject({ action: z.literal('none') }),
]);
export type OutreachPolicy = z.infer<typeof outreachPolicySchema>;
export type SurveyKind = 'nps' | 'csat';

const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h)'));

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
export const timeZoneSchema = z.string().check(z.refine(isTimeZone, { message: 'not an IANA time zone' }));

export const settingsSchema = z.strictObject({
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
      key: z._default(outreachPolicySchema, { action: 'check-in' }),
      growth: z._default(outreachPolicySchema, { action: 'survey', survey: 'nps' }),
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
      /** Days after which a non-responder gets one reminder. */
      reminderAfterDays: z._default(z.int().check(z.minimum(1)), 4),
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
  /** Write shards of the due index. Fixed for the life of a table: changing it needs a re-index. */
  dueShards: z._default(z.int().check(z.minimum(1), z.maximum(256)), 16),
});

export type Settings = z.infer<typeof settingsSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates raw settings, with every problem named by its path. */
export function parseSettings(raw: unknown, source = 'settings'): Settings {
  const result = settingsSchema.safeParse(raw ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid ${source}:\n${problems.join('\n')}`);
  }
  return result.data;
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
