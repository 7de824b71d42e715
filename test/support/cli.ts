import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import type { TestTable } from './local-aws.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in this process, as `account-health <args>`, capturing what it writes. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'account-health', ...args], env);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** This process's environment, pointed at a test's own table on DynamoDB Local. */
export const tableEnv = (t: TestTable): NodeJS.ProcessEnv => ({
  ...process.env,
  AH_DDB_ENDPOINT: t.runtime.ddbEndpoint,
  AH_TABLE_NAME: t.runtime.tableName,
});

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs node with `args` in a process of its own, with exactly `env`, and collects what it printed. */
export function spawnNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { cwd?: string } = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, ...(opts.cwd ? { cwd: opts.cwd } : {}) });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI as a user runs it: `bin/account-health.mjs` in a process of its own, with exactly `env`. */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { cwd?: string } = {},
): Promise<ProcessRun> {
  const bin = fileURLToPath(new URL('../../bin/account-health.mjs', import.meta.url));
  return spawnNode([bin, ...args], env, opts);
}

/**
 * A user's environment pointed at a test's table and SES local: no Powertools variables, the
 * default settings.
 */
export const userEnv = (t: TestTable): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AH_DDB_ENDPOINT: t.runtime.ddbEndpoint,
  AH_SES_ENDPOINT: t.runtime.sesEndpoint,
  AH_TABLE_NAME: t.runtime.tableName,
  AH_SETTINGS: '{}',
});
