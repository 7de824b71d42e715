import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../../functions/adapters/dynamodb/account-store.ts';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client.ts';
import { LOCAL_TABLE_NAME } from '../../functions/adapters/dynamodb/table-design.ts';
import { parseSettings } from '../../functions/config/settings.ts';
import { DEMO_ACCOUNT_COUNT } from '../../functions/local/demo-book.ts';
import { REPO_ROOT } from '../../functions/local/host.ts';
import { freePort } from '../../functions/local/services.ts';

/**
 * Starts `npm start`'s runtime as a user would (its own process, real DynamoDB Local and SES local,
 * a temporary data directory), checks what it serves, and stops it with Ctrl-C.
 */

interface Stack {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  ports: { http: number; ses: number; ddb: number };
}

const children: ChildProcess[] = [];
const dirs: string[] = [];

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ah-stack-'));
  dirs.push(dir);
  return dir;
}

async function launch(env: Record<string, string>): Promise<Stack> {
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

async function waitForReady(stack: Stack, timeoutMs = 50_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void stack.exited.then(() => {
    gone = true;
  });
  while (!stack.output().includes('Local stack ready.')) {
    if (gone) throw new Error(`the runtime exited before it was ready:\n${stack.output()}`);
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs / 1000}s:\n${stack.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function interrupt(stack: Stack) {
  stack.child.kill('SIGINT');
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no exit 15 s after SIGINT:\n${stack.output()}`)), 15_000),
  );
  return Promise.race([stack.exited, timeout]);
}

/** DynamoDB Local processes still running for a port or data directory. */
function dynamoDbProcesses(ddbPort: number, dataDir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => /^\s*\d+\s+\S*java\s.*DynamoDBLocal\.jar/.test(l))
    .filter((l) => l.includes(`-port ${ddbPort} `) || l.includes(dataDir));
}

function storeAt(ddbPort: number) {
  const runtime = {
    tableName: LOCAL_TABLE_NAME,
    region: 'us-east-1',
    ddbEndpoint: `http://127.0.0.1:${ddbPort}`,
  };
  const db = createDocumentClient(runtime);
  return { db, store: new AccountStore(db, runtime.tableName, parseSettings({})) };
}

// A test that failed half-way must not leave its stack running into the next one.
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('npm start', () => {
  const dataDir = tempDataDir();
  let firstCount = 0;
  let seededAt = '';

  it('starts the three services, seeds the demo book and stops cleanly on Ctrl-C', async () => {
    const stack = await launch({ AH_DATA_DIR: dataDir });
    await waitForReady(stack);
    const { http, ses, ddb } = stack.ports;

    const banner = stack.output();
    expect(banner).toContain(`http://127.0.0.1:${ses}`);
    expect(banner).toContain(`http://localhost:${http}/health`);
    expect(banner).toContain(`http://127.0.0.1:${ddb}`);
    expect(banner).toContain(`${DEMO_ACCOUNT_COUNT} accounts`);
    expect(banner).toMatch(/Schedules\s+off \(AH_SCHEDULES=off\)/);
    expect(banner).toContain('npx account-health accounts --due');

    expect((await fetch(`http://127.0.0.1:${http}/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ses}/health-check`)).status).toBe(200);
    const raw = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${ddb}`,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    expect((await raw.send(new ListTablesCommand({}))).TableNames).toContain(LOCAL_TABLE_NAME);
    raw.destroy();

    const { db, store } = storeAt(ddb);
    firstCount = (await store.listAllAccounts()).length;
    expect(firstCount).toBe(DEMO_ACCOUNT_COUNT);
    const marker = await db.send(
      new GetCommand({ TableName: LOCAL_TABLE_NAME, Key: { pk: 'META', sk: 'DEMO' } }),
    );
    seededAt = String(marker.Item?.seededAt);
    db.destroy();

    expect(dynamoDbProcesses(ddb, dataDir)).toHaveLength(1);
    const exit = await interrupt(stack);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stack.output()).toContain('Stopped.');
    expect(dynamoDbProcesses(ddb, dataDir)).toEqual([]);
  }, 75_000);

  it('reuses the data directory on a second start without seeding again', async () => {
    expect(firstCount).toBe(DEMO_ACCOUNT_COUNT);
    const stack = await launch({ AH_DATA_DIR: dataDir });
    await waitForReady(stack);
    expect(stack.output()).not.toContain('Seeding');
    expect(stack.output()).toContain(`${DEMO_ACCOUNT_COUNT} accounts, seeded`);

    const { db, store } = storeAt(stack.ports.ddb);
    expect((await store.listAllAccounts()).length).toBe(firstCount);
    const marker = await db.send(
      new GetCommand({ TableName: LOCAL_TABLE_NAME, Key: { pk: 'META', sk: 'DEMO' } }),
    );
    expect(marker.Item?.seededAt).toBe(seededAt);
    db.destroy();

    expect((await interrupt(stack)).code).toBe(0);
    expect(dynamoDbProcesses(stack.ports.ddb, dataDir)).toEqual([]);
  }, 60_000);
});

describe('npm start, scripted', () => {
  it('seeds nothing with AH_DEMO=off', async () => {
    const stack = await launch({ AH_DATA_DIR: tempDataDir(), AH_DEMO: 'off' });
    await waitForReady(stack);
    expect(stack.output()).toMatch(/Demo book\s+off \(AH_DEMO=off\)/);
    const { db, store } = storeAt(stack.ports.ddb);
    expect(await store.listAllAccounts()).toEqual([]);
    db.destroy();
    expect((await interrupt(stack)).code).toBe(0);
  }, 60_000);

  it('names the port and its variable when a port is taken, and leaves nothing running', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      const stack = await launch({ AH_DATA_DIR: tempDataDir(), AH_HTTP_PORT: String(port) });
      const exit = await stack.exited;
      expect(exit.code).toBe(1);
      expect(stack.output()).toContain(`Port ${port} (AH_HTTP_PORT) is already in use`);
      expect(stack.output()).not.toMatch(/^\s+at /m);
      expect(dynamoDbProcesses(stack.ports.ddb, '\0')).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('says what to install when Java is missing, without a stack trace', async () => {
    // A PATH without Java on it (node itself is started by its absolute path).
    const stack = await launch({ AH_DATA_DIR: tempDataDir(), PATH: tempDataDir() });
    const exit = await stack.exited;
    expect(exit.code).toBe(1);
    expect(stack.output()).toContain('DynamoDB Local needs Java 17 or newer');
    expect(stack.output()).toContain('openjdk-17-jre-headless');
    expect(stack.output()).not.toMatch(/^\s+at /m);
  }, 30_000);
});
