import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { ACCOUNT_SK, accountPk } from '../../functions/adapters/dynamodb/keys.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { processCrmEvent } from '../../functions/handlers/crm-events.handler.ts';
import { type CrmEventWiring, createCrmEventDeps } from '../../functions/handlers/wiring/crm-events.ts';
import { contact, DAY, eventEnvelope, importRecord } from '../support/builders.ts';
import { runCli, spawnCli, tableEnv } from '../support/cli.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo } from '../support/ses-inbox.ts';

/**
 * Issue #14, "Pauses and choices", against DynamoDB Local and SES local: `pause` / `resume` from
 * the CLI and `Outreach Paused` / `Outreach Resumed` from a CRM. A paused account leaves the due
 * index (a tick does not read it), shows its pause wherever the account is shown, gets no mail to
 * its contacts, and its owner still gets alerts; resuming makes it due at once.
 */
const DOMAIN = '@pause-outreach.test';
// A Wednesday afternoon, inside business hours in UTC.
const NOW = '2026-11-25T14:00:00.000Z';
let t: TestTable;
let deps: CrmEventWiring;
let seq = 0;

const cli = (...args: string[]) =>
  runCli(args, { ...tableEnv(t), AH_SES_ENDPOINT: t.runtime.sesEndpoint, AH_SETTINGS: '{}' });

const dueKeysOf = async (accountId: string) => {
  const r = await t.db.send(
    new GetCommand({ TableName: t.runtime.tableName, Key: { pk: accountPk(accountId), sk: ACCOUNT_SK } }),
  );
  return { gsi1pk: r.Item?.gsi1pk, gsi1sk: r.Item?.gsi1sk };
};

const crm = (detailType: string, detail: unknown, id = `evt-${++seq}`) =>
  processCrmEvent(eventEnvelope('crm', detailType, detail, { id }), deps, new Date(NOW));

beforeAll(async () => {
  t = await createTestTable('pause-outreach');
  deps = createCrmEventDeps(
    { ...t.runtime, sender: 'checkins@account-health.localhost', publicBaseUrl: 'http://localhost:3000' },
    t.settings,
    { db: t.db, events: new RecordingPublisher() },
  );
  await importRecords(
    t.store,
    // pause-cli is overdue; pause-crm was in touch yesterday, so no tick of the CLI test mails it.
    [
      ['cli', 70],
      ['crm', 1],
    ].map(([id, days]) =>
      importRecord(`pause-${id}`, {
        profile: { ownerEmail: `owner-${id}${DOMAIN}` },
        contacts: [contact(`pause-${id}`, `ana-${id}${DOMAIN}`, { name: `Ana ${id}` })],
        lastContactAt: new Date(Date.parse(NOW) - Number(days) * DAY).toISOString(),
      }),
    ),
    { now: new Date(Date.parse(NOW) - DAY) },
  );
});
afterAll(async () => t?.drop());

describe('pause / resume from the CLI', () => {
  it('explains itself in --help', async () => {
    // In a process of its own: commander ends the process after printing help.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const pause = await spawnCli(['pause', '--help'], env);
    expect(pause.code).toBe(0);
    expect(pause.stdout).toContain('--reason <text>');
    expect(pause.stdout).toContain('--json');
    const resume = await spawnCli(['resume', '--help'], env);
    expect(resume.code).toBe(0);
    expect(resume.stdout).toMatch(/Resume an account's automated outreach[\s\S]*--json/);
  });

  it('refuses a missing or unacceptable reason and an unknown account, writing nothing', async () => {
    const missing = await cli('pause', 'pause-cli');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--reason is required');
    const control = await cli('pause', 'pause-cli', '--reason', 'talks\u001b[31m');
    expect(control.code).toBe(2);
    expect(control.err).toContain('--reason contains a control character (U+001B)');
    const unknown = await cli('pause', 'nobody', '--reason', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No account with id nobody');
    expect((await cli('resume', 'nobody')).err).toContain('No account with id nobody');
    expect((await t.store.getAccount('pause-cli'))?.pause).toBeUndefined();
  });

  it('pauses: out of the due index, shown in accounts, account and --json; no mail to the contact; resume makes it due at once', async () => {
    const paused = await cli('pause', 'pause-cli', '--reason', 'contract negotiation');
    expect(paused.code, paused.err).toBe(0);
    expect(paused.out).toContain('Paused outreach to Company pause-cli (pause-cli): contract negotiation.');
    expect(await dueKeysOf('pause-cli')).toEqual({ gsi1pk: undefined, gsi1sk: undefined });

    const table = await cli('accounts');
    expect(table.out).toMatch(/pause-cli .*paused: contract negotiation/);
    const json = JSON.parse((await cli('accounts', '--json')).out) as Array<{
      accountId: string;
      pause?: unknown;
    }>;
    expect(json.find((a) => a.accountId === 'pause-cli')?.pause).toMatchObject({
      reason: 'contract negotiation',
      source: 'cli',
    });
    const one = await cli('account', 'pause-cli');
    expect(one.out).toMatch(/Outreach: +paused since \d{4}-\d\d-\d\d \(cli\): contract negotiation/);
    expect(one.out).toMatch(/outreach paused +Outreach paused: contract negotiation/);
    expect((await cli('accounts', '--due')).out).not.toContain('pause-cli');

    const again = await cli('pause', 'pause-cli', '--reason', 'contract negotiation', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ outcome: 'unchanged' });

    // The tick reads nothing of the paused account: it is not in the due index at all.
    const scan = JSON.parse((await cli('run', 'scan', '--now', NOW, '--json')).out) as {
      due: number;
      dueItemsRead: number;
    };
    expect(scan).toMatchObject({ due: 0, dueItemsRead: 0 });
    expect(await emailsTo(`ana-cli${DOMAIN}`)).toEqual([]);

    const resumed = await cli('resume', 'pause-cli', '--json');
    expect(resumed.code, resumed.err).toBe(0);
    const r = JSON.parse(resumed.out) as { outcome: string; nextDueAt: string };
    expect(r.outcome).toBe('resumed');
    expect(Date.parse(r.nextDueAt)).toBeLessThanOrEqual(Date.parse(NOW));
    expect((await dueKeysOf('pause-cli')).gsi1sk).toBe(`${r.nextDueAt}#pause-cli`);

    const after = JSON.parse((await cli('run', 'scan', '--now', NOW, '--json')).out) as {
      due: number;
      sent: { checkIn: number };
    };
    expect(after).toMatchObject({ due: 1, sent: { checkIn: 1 } });
    expect((await emailsTo(`ana-cli${DOMAIN}`)).map((e) => e.destination.to)).toEqual([[`ana-cli${DOMAIN}`]]);
    expect((await cli('account', 'pause-cli')).out).toMatch(/outreach resumed +/);
  });
});

describe('Outreach Paused / Outreach Resumed from a CRM', () => {
  it('pauses once however often delivered, stays paused through an upsert, still alerts the owner, and resumes', async () => {
    expect(await crm('Outreach Paused', { account_id: 'pause-crm', reason: 'incident INC-7' })).toMatchObject(
      {
        status: 'applied',
        result: 'paused',
      },
    );
    expect(
      await crm('Outreach Paused', { account_id: 'pause-crm', reason: 'incident INC-7' }, 'evt-redo'),
    ).toMatchObject({
      status: 'unchanged',
    });
    expect(
      await crm('Outreach Paused', { account_id: 'pause-crm', reason: 'incident INC-7' }, 'evt-redo'),
    ).toMatchObject({
      status: 'unchanged',
    });
    const view = await t.store.getAccountView('pause-crm');
    expect(view.account.pause).toMatchObject({ reason: 'incident INC-7', source: 'crm' });
    expect(view.timeline.filter((e) => e.kind === 'outreach-paused')).toHaveLength(1);
    expect(await dueKeysOf('pause-crm')).toEqual({ gsi1pk: undefined, gsi1sk: undefined });

    // An import of the account changes its profile, not its pause, and keeps it out of the index.
    await importRecords(
      t.store,
      [
        importRecord('pause-crm', {
          profile: { ownerEmail: `owner-crm${DOMAIN}`, name: 'Renamed Co' },
          contacts: [contact('pause-crm', `ana-crm${DOMAIN}`)],
        }),
      ],
      { now: new Date(NOW) },
    );
    expect((await t.store.getAccount('pause-crm'))?.pause?.reason).toBe('incident INC-7');
    expect(await dueKeysOf('pause-crm')).toEqual({ gsi1pk: undefined, gsi1sk: undefined });

    // Bad news still reaches the owner at once.
    await crm('Complaint Filed', {
      account_id: 'pause-crm',
      complaint_id: 'C-1',
      at: NOW,
      summary: 'Late again',
    });
    expect((await emailsTo(`owner-crm${DOMAIN}`)).length).toBeGreaterThanOrEqual(1);
    expect(await emailsTo(`ana-crm${DOMAIN}`)).toEqual([]);

    expect(await crm('Outreach Resumed', { account_id: 'pause-crm' })).toMatchObject({ status: 'applied' });
    expect(await crm('Outreach Resumed', { account_id: 'pause-crm' })).toMatchObject({ status: 'unchanged' });
    expect((await t.store.getAccount('pause-crm'))?.pause).toBeUndefined();
    expect((await dueKeysOf('pause-crm')).gsi1pk).toMatch(/^DUE#/);
  });

  it('dead-letters a pause without a reason or for an unknown account', async () => {
    const noReason = await crm('Outreach Paused', { account_id: 'pause-crm' });
    expect(noReason).toMatchObject({ status: 'rejected', reason: 'detail.reason: is missing (required)' });
    const unknown = await crm('Outreach Resumed', { account_id: 'ghost' });
    expect(unknown).toMatchObject({ status: 'rejected' });
    expect(unknown.reason).toContain('no account "ghost"');
    const letters = JSON.parse((await cli('dead-letters', '--json')).out) as Array<{ reason: string }>;
    expect(letters.map((l) => l.reason)).toEqual(
      expect.arrayContaining([
        'detail.reason: is missing (required)',
        expect.stringContaining('no account "ghost"'),
      ]),
    );
  });
});
