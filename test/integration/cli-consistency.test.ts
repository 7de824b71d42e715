import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { DigestStateStore } from '../../functions/adapters/dynamodb/digest-state.entity.ts';
import { ownerKeyOf } from '../../functions/core/digest/send-digests.ts';
import { contact, DAY, importRecord } from '../support/builders.ts';
import { spawnCli, userEnv } from '../support/cli.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo } from '../support/ses-inbox.ts';

/**
 * The commands speak alike, through the real CLI in a process of its own against DynamoDB Local
 * and SES local: a summary in words unless --json, an unknown id or owner is an error, an empty
 * list says why it is empty, and what a contact's address can still receive is shown.
 */

// Wednesday 25 November 2026, 14:00 UTC: business hours, not the digest's Monday.
const NOW = '2026-11-25T14:00:00Z';
// The same evening, after business hours: no digest is due or caught up then, unless asked for by owner.
const EVENING = '2026-11-25T20:00:00Z';
const IMPORTED = new Date(Date.parse(NOW) - DAY);
const OWNERS = '@cli-consistency-owners.test';
const CONTACTS = '@cli-consistency-contacts.test';
const OLIVIA = `olivia${OWNERS}`;

let t: TestTable;
const scratch: string[] = [];

const cli = (args: string[], cwd?: string) => spawnCli(args, userEnv(t), cwd ? { cwd } : {});

beforeAll(async () => {
  t = await createTestTable('cli-consistency');
  const daysAgo = (d: number) => new Date(IMPORTED.getTime() - d * DAY).toISOString();
  await importRecords(
    t.store,
    [
      // Overdue: a check-in today, and an item in Olivia's digest.
      importRecord('cc-due', {
        profile: { ownerEmail: OLIVIA, ownerName: 'Olivia Owner' },
        contacts: [contact('cc-due', `dan${CONTACTS}`, { name: 'Dan Due' })],
        lastContactAt: daysAgo(70),
      }),
      // In touch, and a contact's birthday today: only the greeting goes out.
      importRecord('cc-bday', {
        profile: { ownerEmail: OLIVIA, ownerName: 'Olivia Owner' },
        contacts: [contact('cc-bday', `bea${CONTACTS}`, { name: 'Bea Birthday', birthday: '11-25' })],
        lastContactAt: daysAgo(1),
      }),
      // Four contacts: one to write to, one opted out, one bounced, one that complained.
      importRecord('cc-reach', {
        profile: { ownerEmail: OLIVIA, ownerName: 'Olivia Owner' },
        contacts: [
          contact('cc-reach', `ok${CONTACTS}`, { name: 'Oka Fine' }),
          contact('cc-reach', `out${CONTACTS}`, { name: 'Otto Out', primary: false }),
          contact('cc-reach', `bounce${CONTACTS}`, { name: 'Bo Bounce', primary: false }),
          contact('cc-reach', `complain${CONTACTS}`, { name: 'Cy Complain', primary: false }),
        ],
        lastContactAt: daysAgo(2),
      }),
    ],
    { now: IMPORTED },
  );
  const addresses = new AddressStore(t.db, t.runtime.tableName);
  await addresses.optOut(`out${CONTACTS}`, new Date('2026-11-20T10:00:00Z'));
  await addresses.suppress(`bounce${CONTACTS}`, 'bounce', new Date('2026-11-21T10:00:00Z'));
  await addresses.suppress(`complain${CONTACTS}`, 'complaint', new Date('2026-11-22T10:00:00Z'));
  const answered = new Date('2026-11-23T10:00:00Z');
  await t.store.recordTouch(
    {
      accountId: 'cc-reach',
      at: answered.toISOString(),
      kind: 'survey-answer',
      note: 'Survey answered',
      source: 'survey',
    },
    answered,
  );
});
afterAll(async () => {
  await t?.drop();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('run <job> prints a summary in words, and JSON with --json', () => {
  it('run scan counts every kind it sent, the birthday greeting included', async () => {
    const { code, stdout } = await cli(['run', 'scan', '--now', NOW]);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}sent: {5}1 check-in, 1 birthday greeting$/m);
    const mail = await emailsTo(CONTACTS);
    expect(mail.find((m) => m.destination.to[0] === `bea${CONTACTS}`)?.subject).toBe('Happy birthday, Bea!');
  });

  it('run digest says what it did for each owner, in words', async () => {
    const words = await cli(['run', 'digest', '--now', EVENING]);
    const json = await cli(['run', 'digest', '--now', EVENING, '--json']);

    expect(words.code).toBe(0);
    expect(words.stdout).toContain('Digest at 2026-11-25T20:00:00.000Z: 1 owner\n  sent:     0 digests\n');
    // Not its time, or sent already by the --owner run of another test: either way not sent now.
    expect(words.stdout).toMatch(
      /not sent: 0 with nothing to report, [01] not at their digest time yet, [01] already sent this period/,
    );
    expect(words.stdout).not.toMatch(/^\s*[{}]/m);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ owners: 1, sent: 0, failed: 0 });
    expect(report.notDue + report.done).toBe(1);
  });

  it('run digest --owner sends that owner’s digest at once and says so', async () => {
    const { code, stdout } = await cli(['run', 'digest', '--now', EVENING, '--owner', OLIVIA]);

    expect(code).toBe(0);
    expect(stdout).toContain(`owner ${OLIVIA}`);
    expect(stdout).toMatch(/^ {2}sent: {5}1 digest$/m);
    expect(await emailsTo(OWNERS)).toHaveLength(1);
  });

  it('run digest --owner for an address that owns nothing is an error and records nothing', async () => {
    const { code, stdout, stderr } = await cli([
      'run',
      'digest',
      '--now',
      EVENING,
      '--owner',
      'nobody@example.com',
    ]);

    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('No account owner nobody@example.com: no digest was sent or recorded');
    const states = await new DigestStateStore(t.db, t.runtime.tableName).getMany([
      ownerKeyOf('nobody@example.com'),
    ]);
    expect(states.size).toBe(0);
  });

  it('run escalate prints a summary in words', async () => {
    const words = await cli(['run', 'escalate', '--now', NOW]);
    const json = await cli(['run', 'escalate', '--now', NOW, '--json']);

    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(/^Escalation at 2026-11-25T14:00:00.000Z: 0 alerts due for escalation$/m);
    expect(words.stdout).toMatch(/escalated: 0 alerts to a manager/);
    expect(JSON.parse(json.stdout)).toMatchObject({ alertsDue: 0, escalated: 0, failed: 0 });
  });
});

describe('unknown ids and empty lists', () => {
  it('responses --account for an unknown id is an error, as account <id> is', async () => {
    const responses = await cli(['responses', '--account', 'demo-999']);
    const account = await cli(['account', 'demo-999']);

    expect(account.code).not.toBe(0);
    expect(responses.code).toBe(account.code);
    expect(responses.stderr).toContain('No account with id demo-999');
    expect(responses.stdout).toBe('');
  });

  it('accounts --owner for an owner with no accounts says so, and not that nothing was imported', async () => {
    const { code, stdout } = await cli(['accounts', '--owner', 'nobody@example.com']);

    expect(code).toBe(0);
    expect(stdout).toContain('No accounts owned by nobody@example.com.');
    expect(stdout).toContain(OLIVIA);
    expect(stdout).not.toContain('No accounts yet');
  });
});

describe('account <id> shows what each contact can still receive', () => {
  it('marks the opted-out, bounced and complained addresses in the contact list', async () => {
    const { code, stdout } = await cli(['account', 'cc-reach']);

    expect(code).toBe(0);
    const row = (email: string) => stdout.split('\n').find((l) => l.startsWith(`${email}${CONTACTS}`)) ?? '';
    expect(stdout).toMatch(/^Email +Name +Role +Primary +Mail$/m);
    expect(row('ok')).toMatch(/ check-ins and surveys$/);
    expect(row('out')).toMatch(/ nothing: opted out 2026-11-20$/);
    expect(row('bounce')).toMatch(/ nothing: bounced 2026-11-21, suppressed$/);
    expect(row('complain')).toMatch(/ nothing: complained 2026-11-22, suppressed$/);
    // The timeline names each entry in words, not by its internal kind ("survey-answer").
    expect(stdout).toMatch(/^2026-11-23 10:00 +survey answer +Survey answered$/m);
    expect(stdout).not.toContain('survey-answer');
  });
});

describe('digest-preview --json', () => {
  it('prints the preview as JSON and writes no file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ah-preview-'));
    scratch.push(cwd);

    const { code, stdout } = await cli(['digest-preview', '--owner', OLIVIA, '--now', NOW, '--json'], cwd);

    expect(code).toBe(0);
    const preview = JSON.parse(stdout) as { file?: string; subject: string; html: string; text: string };
    expect(preview.file).toBeUndefined();
    expect(preview.subject).toMatch(/^Your accounts, week 48/);
    expect(preview.html).toContain('Company cc-due');
    expect(existsSync(join(cwd, '.data', 'digest-preview.html'))).toBe(false);
  });
});
