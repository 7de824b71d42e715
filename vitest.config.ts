import { defineConfig } from 'vitest/config';
import { parseSettings } from './functions/config/settings.ts';

export default defineConfig({
  test: {
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
    // `vitest run` runs every project once; `--project <name>` runs one (npm run test:unit, ...).
    projects: [
      // Pure code and mocked SDK clients: no local services.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // The CDK stack, synthesized in memory: no local services either.
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          exclude: ['test/integration/local-stack.test.ts'],
          // One DynamoDB Local and one SES local for these files; each isolates itself by table name.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // `npm start` as a user runs it: its own JVM and a 300-account seed against a time budget.
          // It starts its own services, and runs last, alone, so the other files do not eat that budget.
          name: 'local-stack',
          include: ['test/integration/local-stack.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
