import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../functions/local/host.ts';
import { freePort } from '../../functions/local/services.ts';

/**
 * `npm start`'s runtime as a user starts it (its own process, real DynamoDB Local and SES local, on
 * free ports), for the tests of the local stack and of the README's quick start.
 */

export interface Stack {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  ports: { http: number; ses: number; ddb: number };
}

/** A test that spawns a whole stack, twice at worst, on a busy machine: readiness is waited for by progress. */
export const STACK_TEST_CEILING_MS = 600_000;
/** How long a start may show no progress at all (no output, no newly open port) before it counts as stuck. */
const STALL_MS = 120_000;

const children: ChildProcess[] = [];
const dirs: string[] = [];

export function tempDir(prefix = 'ah-stack-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Kills what a failed test left running; call from afterEach. */
export function killLeftovers(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** Removes the temporary directories; call from afterAll. */
export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export async function launch(env: Record<string, string>): Promise<Stack> {
  const ports = { http: await freePort(), ses: await freePort(), ddb: await freePort() };
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      AH_HTTP_PORT: String(ports.http),
      AH_SES_PORT: String(ports.ses),
      AH_DDB_PORT: String(ports.ddb),
      AH_SCHEDULES: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stdout?.on('data', (d) => {
    text += d;
  });
  child.stderr?.on('data', (d) => {
    text += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => text, exited, ports };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Waits for the ready line by progress, not by a deadline: it fails when the runtime exits first,
 * or when nothing moves for STALL_MS (no new output and no newly open port). DynamoDB Local starting
 * and the demo book seeding each take a while on a busy machine; neither is stuck.
 */
export async function waitForReady(stack: Stack): Promise<void> {
  let gone = false;
  void stack.exited.then(() => {
    gone = true;
  });
  let seen = '';
  let lastProgress = Date.now();
  while (!stack.output().includes('Local stack ready.')) {
    if (gone) throw new Error(`the runtime exited before it was ready:\n${stack.output()}`);
    const open = await Promise.all(Object.values(stack.ports).map(portOpen));
    const state = `${stack.output().length}:${open.join(',')}`;
    if (state !== seen) {
      seen = state;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > STALL_MS) {
      throw new Error(`no progress for ${STALL_MS / 1000} s while starting:\n${stack.output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Ctrl-C, and the exit it leads to (15 s allowed: stopping is quick, whatever the load). */
export async function interrupt(stack: Stack) {
  stack.child.kill('SIGINT');
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no exit 15 s after SIGINT:\n${stack.output()}`)), 15_000),
  );
  return Promise.race([stack.exited, timeout]);
}

/** DynamoDB Local processes still running for a port or data directory. */
export function dynamoDbProcesses(ddbPort: number, dataDir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => /^\s*\d+\s+\S*java\s.*DynamoDBLocal\.jar/.test(l))
    .filter((l) => l.includes(`-port ${ddbPort} `) || l.includes(dataDir));
}
