import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The business configuration: tiering rules, contact cadence, sending policy.
 * Every field has a documented default (README, "Configuration"), so an empty file is a valid config.
 */

const tierSchema = z.enum(['key', 'growth', 'standard']);
export type Tier = z.infer<typeof tierSchema>;
export const TIERS = tierSchema.options;

/** One tiering rule: all conditions it names must hold; the first matching rule decides the tier. */
const tierRuleSchema = z
  .object({
    tier: tierSchema,
    minAnnualRevenue: z.number().nonnegative().optional(),
    minMarginPct: z.number().min(-100).max(100).optional(),
    minEmployees: z.number().int().nonnegative().optional(),
    strategic: z.literal(true).optional(),
  })
  .strict()
  .refine(
    (r) =>
      r.minAnnualRevenue !== undefined ||
      r.minMarginPct !== undefined ||
      r.minEmployees !== undefined ||
      r.strategic !== undefined,
    { message: 'a tiering rule needs at least one condition' },
  );
export type TierRule = z.infer<typeof tierRuleSchema>;

/** A cadence: how long after the last contact an account becomes due again. */
const cadenceSchema = z.union([
  z.object({ days: z.number().int().positive() }).strict(),
  z.object({ months: z.number().int().positive() }).strict(),
]);
export type Cadence = z.infer<typeof cadenceSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h)');

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
export const timeZoneSchema = z.string().refine(isTimeZone, { message: 'not an IANA time zone' });

export const settingsSchema = z
  .object({
    tiering: z
      .object({
        rules: z.array(tierRuleSchema).default([
          { tier: 'key', strategic: true },
          { tier: 'key', minAnnualRevenue: 250_000 },
          { tier: 'key', minAnnualRevenue: 100_000, minMarginPct: 40 },
          { tier: 'growth', minAnnualRevenue: 50_000 },
          { tier: 'growth', minEmployees: 200 },
        ]),
        defaultTier: tierSchema.default('standard'),
      })
      .strict()
      .prefault({}),
    cadence: z
      .object({
        key: cadenceSchema.default({ days: 30 }),
        growth: cadenceSchema.default({ days: 60 }),
        standard: cadenceSchema.default({ days: 90 }),
      })
      .strict()
      .prefault({}),
    /** Used when neither the contact nor the account names a time zone. */
    defaultTimeZone: timeZoneSchema.default('UTC'),
    businessHours: z
      .object({
        start: hhmm.default('09:00'),
        end: hhmm.default('17:00'),
        /** ISO weekdays, 1 = Monday. */
        days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
      })
      .strict()
      .prefault({}),
    /** Write shards of the due index. Fixed for the life of a table: changing it needs a re-index. */
    dueShards: z.number().int().min(1).max(256).default(16),
  })
  .strict();

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
