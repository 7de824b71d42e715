import { defineConfig } from 'vitest/config';
import { parseSettings } from './functions/config/settings.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local and one SES local for the whole run; files isolate themselves by table name.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: more workers only fight DynamoDB Local for CPU.
    maxWorkers: 2,
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_DEV: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      // What the stack gives every function: the default settings, validated (functions/config/deployed-settings.ts).
      AH_SETTINGS: JSON.stringify(parseSettings({})),
    },
  },
});
