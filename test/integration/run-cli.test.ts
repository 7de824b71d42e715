import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo } from '../support/ses-inbox.ts';

const DAY = 86_400_000;
// A Wednesday afternoon, inside business hours in UTC.
const NOW = '2026-11-25T14:00:00Z';
const DOMAIN = '@run-cli.test';

let t: TestTable;

/** The CLI as a user runs it: its own process, an environment without any Powertools variables. */
async function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AH_DDB_ENDPOINT: t.runtime.ddbEndpoint,
    AH_SES_ENDPOINT: t.runtime.sesEndpoint,
    AH_TABLE_NAME: t.runtime.tableName,
    AH_SETTINGS: '{}',
  };
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ['bin/account-health.mjs', ...args],
    {
      env,
      encoding: 'utf8',
    },
  );
  return { stdout, stderr };
}

beforeAll(async () => {
  t = await createTestTable('run-cli');
  await importRecords(
    t.store,
    ['a', 'b'].map((id) => ({
      profile: {
        accountId: `run-${id}`,
        name: `Company ${id}`,
        ownerEmail: 'owner@owners.test',
        ownerName: 'Olivia Owner',
        annualRevenue: 300_000,
        strategic: false,
        products: ['Ledger'],
        timeZone: 'UTC',
      },
      contacts: [{ accountId: `run-${id}`, email: `${id}${DOMAIN}`, name: `Ana ${id}`, primary: true }],
      lastContactAt: new Date(Date.parse(NOW) - 70 * DAY).toISOString(),
    })),
    { now: new Date(Date.parse(NOW) - DAY) },
  );
});
afterAll(async () => t?.drop());

describe('account-health run scan', () => {
  it('sends what is due and prints its summary, without the handler’s log lines or metrics', async () => {
    const { stdout } = await cli('run', 'scan', '--now', NOW);

    expect(stdout).toMatch(/Scan at 2026-11-25T14:00:00.000Z: 2 accounts due/);
    expect(stdout).toMatch(/sent: +\d+ check-ins, \d+ surveys/);
    // Neither Powertools' JSON log lines nor EMF metric records belong on a person's terminal.
    expect(stdout).not.toMatch(/^\{/m);
    expect(stdout).not.toContain('CloudWatchMetrics');
    expect(await emailsTo(DOMAIN)).toHaveLength(2);
  });
});
