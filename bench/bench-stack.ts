import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../functions/adapters/dynamodb/client.ts';
import { ensureTable } from '../functions/adapters/dynamodb/table-admin.ts';
import type { Runtime } from '../functions/config/runtime.ts';
import { parseSettings, type Settings } from '../functions/config/settings.ts';
import { freePort, startDynamoDbLocal, startSesLocal } from '../functions/local/services.ts';

export interface BenchStack {
  runtime: Runtime & { sesEndpoint: string; sender: string; publicBaseUrl: string };
  db: DynamoDBDocumentClient;
  settings: Settings;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local and SES local on free ports, with an empty table, for the send-path benchmarks.
 * Pacing is the mailer's business and costs time, not calls: it is lifted so runs finish quickly
 * (docs/costs.md adds the pacing time back into Lambda duration).
 */
export async function startBenchStack(opts: {
  tableName: string;
  sender: string;
  publicBaseUrl: string;
}): Promise<BenchStack> {
  const [ddb, ses] = await Promise.all([
    freePort().then((port) => startDynamoDbLocal({ port })),
    freePort().then((port) => startSesLocal({ port })),
  ]);
  const stop = async () => {
    await Promise.all([ddb.stop(), ses.stop()]);
  };
  try {
    const runtime = {
      tableName: opts.tableName,
      region: 'us-east-1',
      ddbEndpoint: ddb.url,
      sesEndpoint: ses.url,
      sender: opts.sender,
      publicBaseUrl: opts.publicBaseUrl,
    };
    const db = createDocumentClient(runtime);
    await ensureTable(db, runtime.tableName);
    return { runtime, db, settings: parseSettings({ sending: { maxPerSecond: 1000 } }), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
