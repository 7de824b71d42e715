import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccountStore } from '../adapters/dynamodb/account-store.ts';
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { localRuntime, type Runtime } from '../config/runtime.ts';
import { loadSettings, type Settings } from '../config/settings.ts';

/** What every command works with. Built once per invocation. */
export interface CliContext {
  runtime: Runtime;
  settings: Settings;
  db: DynamoDBDocumentClient;
  store: AccountStore;
  /** The clock; `--now` overrides it where a command offers that. */
  now: () => Date;
}

export class StackDownError extends Error {
  constructor(endpoint: string) {
    super(
      `The local stack is not running: nothing answers at ${endpoint}.\n` +
        'Start it in another terminal with `npm start` (set AH_DDB_PORT if it runs on another port), then try again.',
    );
    this.name = 'StackDownError';
  }
}

export function createCliContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const runtime = localRuntime(env);
  const settings = loadSettings(env);
  const db = createDocumentClient(runtime);
  return {
    runtime,
    settings,
    db,
    store: new AccountStore(db, runtime.tableName, settings),
    now: () => new Date(),
  };
}

/** Turns "connection refused" and "no such table" into the one message a user can act on. */
export function explainConnectionError(error: unknown, runtime: Runtime): Error {
  const e = error as { code?: string; name?: string; cause?: { code?: string }; message?: string };
  const code = e.code ?? e.cause?.code;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message ?? ''))
    return new StackDownError(runtime.ddbEndpoint ?? 'DynamoDB');
  if (e.name === 'ResourceNotFoundException') {
    return new Error(
      `The table ${runtime.tableName} does not exist at ${runtime.ddbEndpoint ?? 'DynamoDB'}. ` +
        'Start the local stack with `npm start` (it creates the table), then try again.',
    );
  }
  return error as Error;
}
