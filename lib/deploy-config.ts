import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Construct } from 'constructs';
import * as z from 'zod';
import {
  ConfigError,
  parseSettings,
  SETTINGS_FILE,
  type Settings,
  timeZoneSchema,
} from '../functions/config/settings.ts';

/**
 * Everything a deployment can be told through CDK context (`cdk.json`, `cdk.context.json` or
 * `-c key=value`), validated once at synth time so a bad value stops `cdk synth` with a message
 * naming it. docs/deploy.md documents each key.
 */
export const CONTEXT_KEYS = [
  'sender',
  'timeZone',
  'schedules',
  'settingsFile',
  'logRetentionDays',
  'httpRateLimit',
  'httpBurstLimit',
  'alarmTopicArn',
  'alarmEmail',
  'publicBaseUrl',
  'businessMetrics',
] as const;

/** CloudWatch Logs accepts only these retention periods (days). */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const EMAIL = /^[^\s@]+@([a-z0-9-]+\.)+[a-z]{2,}$/i;

/** `-c key=value` delivers strings; objects set that way arrive as JSON text. */
const jsonText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }, schema);

const scheduleOverrideSchema = z
  .object({
    /** `cron(...)` or `rate(...)`, as in the jobs table. */
    expression: z.string().optional(),
    timeZone: z.optional(timeZoneSchema),
    /** `false` deploys the schedule disabled. */
    enabled: z.boolean().optional(),
  })
  .strict();
export type ScheduleOverride = z.infer<typeof scheduleOverrideSchema>;

const deployConfigSchema = z.object({
  sender: z
    .string()
    .trim()
    .refine((s) => EMAIL.test(s), {
      message:
        'expected the email address mail is sent from (checkins@example.com); SES must have it or its domain verified',
    })
    .optional(),
  timeZone: z.optional(timeZoneSchema),
  schedules: jsonText(z.record(z.string(), scheduleOverrideSchema)).default({}),
  settingsFile: z.string().min(1).default(SETTINGS_FILE),
  logRetentionDays: z.coerce
    .number()
    .int()
    .refine((d) => RETENTION_DAYS.includes(d), { message: `one of ${RETENTION_DAYS.join(', ')}` })
    .default(30),
  httpRateLimit: z.coerce.number().positive().max(10_000).default(50),
  httpBurstLimit: z.coerce.number().int().positive().max(5_000).default(100),
  alarmTopicArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, 'expected an SNS topic ARN')
    .optional(),
  alarmEmail: z
    .string()
    .trim()
    .refine((s) => EMAIL.test(s), { message: 'expected the email address alarms are sent to' })
    .optional(),
  /** `false` stops the functions publishing the AccountHealth custom metrics (they cost by the metric-hour). */
  businessMetrics: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .default(true),
  publicBaseUrl: z
    .url()
    .refine((u) => u.startsWith('https://'), { message: 'must be an https:// URL' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
});

export type DeployConfig = z.infer<typeof deployConfigSchema> & {
  /** The business settings, validated, every default filled in. */
  settings: Settings;
};

/** Validates raw context values, every problem named by its key. */
export function parseDeployConfig(raw: Record<string, unknown>, cwd = process.cwd()): DeployConfig {
  const result = deployConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid CDK context (cdk.json or -c key=value):\n${problems.join('\n')}`);
  }
  const settingsPath = resolve(cwd, result.data.settingsFile);
  const named = result.data.settingsFile !== SETTINGS_FILE;
  return { ...result.data, settings: readSettingsFile(settingsPath, named) };
}

/** Reads the deployment's context keys from the construct tree. */
export function readDeployConfig(scope: Construct, cwd = process.cwd()): DeployConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) {
    const value: unknown = scope.node.tryGetContext(key);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  return parseDeployConfig(raw, cwd);
}

/**
 * The settings file becomes AH_SETTINGS. The default file may be absent (every default applies); any
 * other file the context names must exist.
 */
function readSettingsFile(path: string, named: boolean): Settings {
  if (!existsSync(path)) {
    if (named) throw new ConfigError(`settingsFile names ${path}, which does not exist`);
    return parseSettings({}, 'default settings');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseSettings(parsed, path);
}
