#!/usr/bin/env -S npx tsx
// The CDK app (cdk.json runs it). Everything it builds lives in lib/.
import { ConfigError } from '../functions/config/config-error.ts';
import { createAccountHealthApp } from '../lib/app.ts';

try {
  createAccountHealthApp();
} catch (error) {
  // A setting to fix (a missing sender, a bad schedule) is one line saying what and how, not a stack
  // trace; anything else is a bug and keeps its stack.
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 1;
}
