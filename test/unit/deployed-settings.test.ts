import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDeployedSettings, SETTINGS_FIELDS } from '../../functions/config/deployed-settings.ts';
import { parseSettings } from '../../functions/config/settings.ts';
import { provideValidatedSettings } from '../../functions/local/host.ts';

const dir = mkdtempSync(join(tmpdir(), 'ah-deployed-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readDeployedSettings', () => {
  it('knows every top-level field of validated settings', () => {
    expect([...SETTINGS_FIELDS].sort()).toEqual(Object.keys(parseSettings({})).sort());
  });

  it('returns the settings synth validated, unchanged', () => {
    const validated = parseSettings({
      dueShards: 32,
      cadence: { key: { months: 2 } },
      defaultTimeZone: 'Europe/Berlin',
    });
    const settings = readDeployedSettings({ AH_SETTINGS: JSON.stringify(validated) });
    expect(settings).toEqual(JSON.parse(JSON.stringify(validated)));
    // What synth writes is a fixed point of the schema: trusting it equals validating it again.
    expect(parseSettings(settings)).toEqual(settings);
  });

  it('says where settings come from when AH_SETTINGS is missing', () => {
    expect(() => readDeployedSettings({})).toThrow(/AH_SETTINGS is not set.*cdk deploy/);
  });

  it('refuses a hand-edited value with a message saying what to do', () => {
    expect(() => readDeployedSettings({ AH_SETTINGS: '{"cadence":' })).toThrow(
      /AH_SETTINGS is not valid JSON/,
    );
    expect(() => readDeployedSettings({ AH_SETTINGS: '[1]' })).toThrow(/must be the settings object/);
    const { surveys: _surveys, digest: _digest, ...partial } = parseSettings({});
    expect(() => readDeployedSettings({ AH_SETTINGS: JSON.stringify(partial) })).toThrow(
      /AH_SETTINGS lacks surveys, digest: .*redeploy/,
    );
  });
});

describe("provideValidatedSettings (the local runtime and CLI, in the stack's place)", () => {
  it('validates the settings file and hands it to handlers with every default filled in', () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ dueShards: 8 }));
    const env: NodeJS.ProcessEnv = { AH_SETTINGS_FILE: file };

    provideValidatedSettings(env);

    expect(readDeployedSettings(env)).toEqual(JSON.parse(JSON.stringify(parseSettings({ dueShards: 8 }))));
  });

  it('stops on invalid settings with the field named, before any handler sees them', () => {
    const env: NodeJS.ProcessEnv = { AH_SETTINGS: JSON.stringify({ dueShards: -1 }) };
    expect(() => provideValidatedSettings(env)).toThrow(/dueShards/);
    expect(env.AH_SETTINGS).toBe(JSON.stringify({ dueShards: -1 }));
  });
});
