import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnNode } from '../support/cli.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'ah-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The CDK app entry (what `cdk synth` runs, cdk.json's "app") in a process of its own. */
const runApp = (context: Record<string, string>) =>
  spawnNode(
    ['--import', 'tsx', 'bin/app.ts'],
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // How the CDK CLI hands the app its context and output folder.
      CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...context }),
      CDK_OUTDIR: outdir,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    { cwd: REPO },
  );

describe('the CDK app entry with a setting missing', () => {
  it('prints one line naming the missing sender and how to set it, no stack trace, and fails', async () => {
    const { code, stderr } = await runApp({});

    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: Job "\w[\w-]*" sends email, so the stack needs a sender.*-c sender=/);
    expect(stderr).not.toMatch(/^\s+at /m);
    // A ceiling, not a speed test: a cold tsx transpiling the CDK app on a busy machine takes a while.
  }, 240_000);
});
