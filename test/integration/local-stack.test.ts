import { createServer, type Server } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AccountStore } from '../../functions/adapters/dynamodb/account-store.ts';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client.ts';
import { LOCAL_TABLE_NAME } from '../../functions/adapters/dynamodb/table-design.ts';
import { parseSettings } from '../../functions/config/settings.ts';
import { DEMO_ACCOUNT_COUNT } from '../../functions/local/demo-book.ts';
import { freePort } from '../../functions/local/services.ts';
import {
  dynamoDbProcesses,
  interrupt,
  killLeftovers,
  launch,
  removeTempDirs,
  STACK_TEST_CEILING_MS,
  tempDir,
  waitForReady,
} from '../support/npm-start.ts';

/**
 * Starts `npm start`'s runtime as a user would (its own process, real DynamoDB Local and SES local,
 * a temporary data directory), checks what it serves, and stops it with Ctrl-C. Each test has its
 * own data directory and waits for readiness by progress (test/support/npm-start.ts).
 */

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
afterEach(killLeftovers);
afterAll(removeTempDirs);

async function demoMarker(ddbPort: number) {
  const { db } = storeAt(ddbPort);
  const marker = await db.send(
    new GetCommand({ TableName: LOCAL_TABLE_NAME, Key: { pk: 'META', sk: 'DEMO' } }),
  );
  db.destroy();
  return marker.Item;
}

describe('npm start', () => {
  it(
    'starts the three services, seeds the demo book and stops cleanly on Ctrl-C',
    async () => {
      const dataDir = tempDir();
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
      expect((await store.listAllAccounts()).length).toBe(DEMO_ACCOUNT_COUNT);
      db.destroy();
      expect((await demoMarker(ddb))?.accounts).toBe(DEMO_ACCOUNT_COUNT);

      expect(dynamoDbProcesses(ddb, dataDir)).toHaveLength(1);
      const exit = await interrupt(stack);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(stack.output()).toContain('Stopped.');
      expect(dynamoDbProcesses(ddb, dataDir)).toEqual([]);
    },
    STACK_TEST_CEILING_MS,
  );

  it(
    'reuses the data directory on a second start without seeding again',
    async () => {
      const dataDir = tempDir();
      const first = await launch({ AH_DATA_DIR: dataDir });
      await waitForReady(first);
      expect(first.output()).toContain('Seeding the demo book');
      const seededAt = String((await demoMarker(first.ports.ddb))?.seededAt);
      expect((await interrupt(first)).code).toBe(0);

      const stack = await launch({ AH_DATA_DIR: dataDir });
      await waitForReady(stack);
      expect(stack.output()).not.toContain('Seeding');
      expect(stack.output()).toContain(`${DEMO_ACCOUNT_COUNT} accounts, seeded`);

      const { db, store } = storeAt(stack.ports.ddb);
      expect((await store.listAllAccounts()).length).toBe(DEMO_ACCOUNT_COUNT);
      db.destroy();
      expect((await demoMarker(stack.ports.ddb))?.seededAt).toBe(seededAt);

      expect((await interrupt(stack)).code).toBe(0);
      expect(dynamoDbProcesses(stack.ports.ddb, dataDir)).toEqual([]);
    },
    STACK_TEST_CEILING_MS,
  );
});

describe('npm start, scripted', () => {
  it(
    'seeds nothing with AH_DEMO=off',
    async () => {
      const stack = await launch({ AH_DATA_DIR: tempDir(), AH_DEMO: 'off' });
      await waitForReady(stack);
      expect(stack.output()).toMatch(/Demo book\s+off \(AH_DEMO=off\)/);
      const { db, store } = storeAt(stack.ports.ddb);
      expect(await store.listAllAccounts()).toEqual([]);
      db.destroy();
      expect((await interrupt(stack)).code).toBe(0);
    },
    STACK_TEST_CEILING_MS,
  );

  it('names the port and its variable when a port is taken, and leaves nothing running', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      const stack = await launch({ AH_DATA_DIR: tempDir(), AH_HTTP_PORT: String(port) });
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
    const stack = await launch({ AH_DATA_DIR: tempDir(), PATH: tempDir() });
    const exit = await stack.exited;
    expect(exit.code).toBe(1);
    expect(stack.output()).toContain('DynamoDB Local needs Java 17 or newer');
    expect(stack.output()).toContain('openjdk-17-jre-headless');
    expect(stack.output()).not.toMatch(/^\s+at /m);
  }, 30_000);
});
