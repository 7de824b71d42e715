import { ConfigError } from './config-error.ts';
import type { Settings } from './settings.ts';

/**
 * The top-level fields of validated settings (`parseSettings`' output); a unit test keeps this list
 * in step with the schema.
 */
export const SETTINGS_FIELDS = [
  'company',
  'defaultLanguage',
  'tiering',
  'cadence',
  'defaultTimeZone',
  'businessHours',
  'outreach',
  'fatigue',
  'surveys',
  'sending',
  'digest',
  'touches',
  'health',
  'risk',
  'cohort',
  'dueShards',
] as const satisfies ReadonlyArray<keyof Settings>;

/**
 * The settings a handler runs with: AH_SETTINGS, which whoever starts the handler has already
 * validated with `parseSettings` (the stack at `cdk synth`, the local runtime and the CLI when they
 * load a handler: `provideValidatedSettings` in functions/local/host.ts).
 *
 * Handlers do not validate again: the schema and its time-zone checks (the first Intl formatter
 * loads ICU data, about 15 ms) would otherwise run at every cold start for input that cannot have
 * changed since synth, and the schema would weigh on every bundle. What is checked here is only
 * that the value is what synth writes, so a hand edit in the console fails with a clear message
 * instead of an odd error later.
 */
export function readDeployedSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const text = env.AH_SETTINGS;
  if (!text)
    throw new ConfigError(
      'AH_SETTINGS is not set: the stack passes the settings it validated at synth (npx cdk deploy); locally, npm start and the CLI pass them',
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`AH_SETTINGS is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConfigError('AH_SETTINGS must be the settings object that cdk synth validated');
  const missing = SETTINGS_FIELDS.filter((field) => !(field in value));
  if (missing.length)
    throw new ConfigError(
      `AH_SETTINGS lacks ${missing.join(', ')}: it must be the settings cdk synth validated, every default filled in. ` +
        'Change the settings file and redeploy rather than editing the variable.',
    );
  return value as Settings;
}
