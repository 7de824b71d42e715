import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { runScan } from '../../functions/handlers/scan-due.handler.ts';
import { handleSesEvent } from '../../functions/handlers/ses-events.handler.ts';
import { createScanDeps } from '../../functions/handlers/wiring/outreach.ts';
import { contact, daysBefore, importRecord } from '../support/builders.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { sesBounceEvent, sesComplaintEvent } from '../support/ses-events.ts';
import { emailsTo } from '../support/ses-inbox.ts';

const DOMAIN = '@ses-events.test';
// A Wednesday, 10:00 UTC: inside business hours.
const NOW = new Date('2026-11-18T10:00:00.000Z');
const addr = (local: string) => `${local}${DOMAIN}`;

/** A key account, due (last contact 40 days ago), with one contact. */
const dueAccount = (id: string, local: string) =>
  importRecord(id, {
    contacts: [contact(id, addr(local), { name: `Ana ${id}` })],
    lastContactAt: daysBefore(NOW, 40),
  });

describe('ses-events against DynamoDB Local', () => {
  let t: TestTable;
  let addresses: AddressStore;

  beforeAll(async () => {
    t = await createTestTable('ses-events');
    addresses = new AddressStore(t.db, t.runtime.tableName);
    await importRecords(
      t.store,
      [
        dueAccount('S-1', 'hard-bounce'),
        dueAccount('S-2', 'complainer'),
        dueAccount('S-3', 'soft-bounce'),
        dueAccount('S-4', 'happy'),
      ],
      { now: NOW },
    );
  });
  afterAll(async () => t?.drop());

  it('suppresses a hard-bounced address and a complainant, keeping the first time and the reason', async () => {
    await handleSesEvent(sesBounceEvent([addr('Hard-Bounce')]), { addresses });
    await handleSesEvent(sesComplaintEvent([addr('complainer')]), { addresses });
    // SES may deliver an event twice: the first suppression time stays.
    await handleSesEvent(sesComplaintEvent([addr('complainer')]), { addresses });

    const bounced = await addresses.get(addr('hard-bounce'));
    const complained = await addresses.get(addr('complainer'));
    expect(bounced).toMatchObject({ suppressedReason: 'bounce', suppressedAt: '2026-11-18T10:00:02.669Z' });
    expect(complained).toMatchObject({
      suppressedReason: 'complaint',
      suppressedAt: '2026-11-19T08:15:00.000Z',
    });
  });

  it('leaves a soft-bounced address mailable', async () => {
    await handleSesEvent(sesBounceEvent([addr('soft-bounce')], { bounceType: 'Transient' }), { addresses });

    const soft = await addresses.get(addr('soft-bounce'));
    expect(soft.suppressedAt).toBeUndefined();
  });

  it('keeps the send path away from suppressed addresses: the next tick mails only the others', async () => {
    const mailer = new SesMailer(createSesClient('us-east-1', t.runtime.sesEndpoint), {
      sender: 'checkins@sender.test',
      maxPerSecond: 1000,
    });
    const runtime = { ...t.runtime, sender: 'checkins@sender.test', publicBaseUrl: 'http://links.test' };
    const wiring = createScanDeps(runtime, t.settings, {
      db: t.db,
      mailer,
      events: new RecordingPublisher(),
    });

    const report = await runScan({ scheduledTime: NOW.toISOString() }, wiring);

    const to = (await emailsTo(DOMAIN)).flatMap((m) => m.destination.to).sort();
    expect(to).toEqual([addr('happy'), addr('soft-bounce')]);
    expect(report.sent.checkIn).toBe(2);
  });
});
