import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { contact, DAY, importRecord } from '../support/builders.ts';
import { runCli, tableEnv } from '../support/cli.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo } from '../support/ses-inbox.ts';

/**
 * Issue #14, "Key accounts are asked too", against DynamoDB Local and SES local: `run scan` on an
 * injected clock over four months of a key account's life. With the default policy it gets its
 * check-ins every 30 days and, 90 days after it was recorded, an NPS survey in place of a check-in;
 * a key account whose owner keeps in touch (so no check-in is ever due) is asked all the same.
 */
const DOMAIN = '@key-asked.test';
// Wednesday 7 Jan 2026, 14:00 UTC: inside business hours.
const T0 = Date.parse('2026-01-07T14:00:00.000Z');
const at = (days: number) => new Date(T0 + days * DAY).toISOString();

let t: TestTable;
const cli = (...args: string[]) =>
  runCli(args, {
    ...tableEnv(t),
    AH_SES_ENDPOINT: t.runtime.sesEndpoint,
    AH_SETTINGS: '{}',
  });

async function scan(day: number) {
  const r = await cli('run', 'scan', '--now', at(day), '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as { sent: { checkIn: number; survey: number } };
}

beforeAll(async () => {
  t = await createTestTable('key-asked');
  await importRecords(
    t.store,
    [
      importRecord('key-quiet', {
        contacts: [contact('key-quiet', `quinn${DOMAIN}`, { name: 'Quinn' })],
        lastContactAt: at(-40),
      }),
      importRecord('key-busy', {
        contacts: [contact('key-busy', `bea${DOMAIN}`, { name: 'Bea' })],
        lastContactAt: at(0),
      }),
    ],
    { now: new Date(T0) },
  );
});
afterAll(async () => t?.drop());

describe('key accounts are asked too (DynamoDB Local, SES local)', () => {
  it('checks in every 30 days and asks NPS at day 90, in place of a check-in; a busy key account is asked too', async () => {
    const mail = async (to: string) =>
      (await emailsTo(DOMAIN))
        .filter((e) => e.destination.to.includes(to))
        .map((e) => (e.body.html?.includes('/s/') ? 'survey' : 'check-in'));

    expect((await scan(0)).sent).toMatchObject({ checkIn: 1, survey: 0 }); // key-quiet is overdue
    // The owner of key-busy is in touch every few weeks: no check-in is ever due there.
    for (const day of [20, 45, 70])
      expect((await cli('log-contact', 'key-busy', '--at', at(day), '--note', 'call')).code).toBe(0);
    expect((await scan(30)).sent).toMatchObject({ checkIn: 1, survey: 0 });
    expect((await scan(61)).sent).toMatchObject({ checkIn: 1, survey: 0 }); // Monday 9 Mar
    expect((await scan(89)).sent).toMatchObject({ checkIn: 0, survey: 0 });
    // Day 90 (Tuesday 7 Apr): both relationship surveys are due; key-quiet's check-in would be due tomorrow.
    expect((await scan(90)).sent).toMatchObject({ checkIn: 0, survey: 2 });
    expect((await scan(91)).sent).toMatchObject({ checkIn: 0, survey: 0 });

    expect(await mail(`quinn${DOMAIN}`)).toEqual(['check-in', 'check-in', 'check-in', 'survey']);
    expect(await mail(`bea${DOMAIN}`)).toEqual(['survey']);
    const quiet = await t.store.getAccount('key-quiet');
    expect(quiet?.lastSurveySentAt).toBe(at(90));
    // The next check-in is 30 days after the survey; the next survey 90 days after it.
    expect(quiet?.nextDueAt).toBe(at(120));
  });
});
