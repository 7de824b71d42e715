import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { AccountStore } from '../../functions/adapters/dynamodb/account-store.ts';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client.ts';
import { ensureTable } from '../../functions/adapters/dynamodb/table-admin.ts';
import type { Runtime } from '../../functions/config/runtime.ts';
import { parseSettings, type Settings } from '../../functions/config/settings.ts';

export interface TestTable {
  runtime: Runtime;
  db: DynamoDBDocumentClient;
  settings: Settings;
  store: AccountStore;
  drop(): Promise<void>;
}

/**
 * A fresh table on the run's shared DynamoDB Local, named after the test file, so files run in
 * parallel without seeing each other's items.
 */
export async function createTestTable(label: string, rawSettings: unknown = {}): Promise<TestTable> {
  const tableName = `t-${label.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 40)}-${randomBytes(3).toString('hex')}`;
  const runtime: Runtime = {
    tableName,
    region: 'us-east-1',
    ddbEndpoint: inject('ddbEndpoint'),
    sesEndpoint: inject('sesEndpoint'),
  };
  const db = createDocumentClient(runtime);
  await ensureTable(db, tableName);
  const settings = parseSettings(rawSettings);
  return {
    runtime,
    db,
    settings,
    store: new AccountStore(db, tableName, settings),
    drop: async () => {
      await db.send(new DeleteTableCommand({ TableName: tableName }));
    },
  };
}

/** Every item of a test's own table: a consistent Scan, all pages. */
export async function scanTable(t: TestTable): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const r = await t.db.send(
      new ScanCommand({ TableName: t.runtime.tableName, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(r.Items ?? []));
    ExclusiveStartKey = r.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** The table as sorted lines of canonical JSON: two equal snapshots mean nothing was written. */
export async function tableSnapshot(t: TestTable): Promise<string[]> {
  return (await scanTable(t)).map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();
}
