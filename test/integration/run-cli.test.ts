import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { contact, DAY, importRecord } from '../support/builders.ts';
import { spawnCli, userEnv } from '../support/cli.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo } from '../support/ses-inbox.ts';

// A Wednesday afternoon, inside business hours in UTC.
const NOW = '2026-11-25T14:00:00Z';
const DOMAIN = '@run-cli.test';

let t: TestTable;

/** The CLI as a user runs it: its own process, an environment without any Powertools variables. */
async function cli(...args: string[]) {
  return spawnCli(args, userEnv(t));
}

beforeAll(async () => {
  t = await createTestTable('run-cli');
  await importRecords(
    t.store,
    ['a', 'b'].map((id) =>
      importRecord(`run-${id}`, {
        profile: { name: `Company ${id}` },
        contacts: [contact(`run-${id}`, `${id}${DOMAIN}`, { name: `Ana ${id}` })],
        lastContactAt: new Date(Date.parse(NOW) - 70 * DAY).toISOString(),
      }),
    ),
    { now: new Date(Date.parse(NOW) - DAY) },
  );
});
afterAll(async () => t?.drop());

describe('account-health run scan', () => {
  it('sends what is due and prints its summary, without the handler’s log lines or metrics', async () => {
    const { code, stdout } = await cli('run', 'scan', '--now', NOW);

    expect(code).toBe(0);

    expect(stdout).toMatch(/Scan at 2026-11-25T14:00:00.000Z: 2 accounts due/);
    // Both due accounts got one email each: check-ins or surveys, as the survey rotation has it.
    const sent = /^ {2}sent: {5}(.*)$/m.exec(stdout)?.[1] ?? '';
    expect(sent).toMatch(/^\d+ (check-ins?|surveys?)(, \d+ surveys?)?$/);
    expect([...sent.matchAll(/\d+/g)].reduce((n, m) => n + Number(m[0]), 0)).toBe(2);
    // Neither Powertools' JSON log lines nor EMF metric records belong on a person's terminal.
    expect(stdout).not.toMatch(/^\{/m);
    expect(stdout).not.toContain('CloudWatchMetrics');
    expect(await emailsTo(DOMAIN)).toHaveLength(2);
  });
});
