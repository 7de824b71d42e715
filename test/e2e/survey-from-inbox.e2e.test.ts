import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../../functions/adapters/ses/mailer.ts';
import { createRouteHttp } from '../../functions/handlers/http-routes.ts';
import { runScan } from '../../functions/handlers/scan-due.handler.ts';
import { createScanDeps, type ScanWiring } from '../../functions/handlers/wiring/outreach.ts';
import { type RunningHttpServer, startHttpServer } from '../../functions/local/http-server.ts';
import { contact, DAY, daysBefore, importRecord } from '../support/builders.ts';
import { describeInChromium, launchChromium } from '../support/chromium.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo } from '../support/ses-inbox.ts';

/**
 * The whole way a customer meets a survey: the scan sends it through SES local, the link is taken
 * from the email in the SES local inbox, and the survey is answered in Debian's Chromium.
 */

const DOMAIN = '@inbox-e2e.test';
const ARTIFACTS = 'test-artifacts';

describeInChromium('a survey from the inbox, answered in Chromium', () => {
  let t: TestTable;
  let server: RunningHttpServer;
  let browser: Browser;
  let wiring: ScanWiring;
  const events = new RecordingPublisher();
  // A Wednesday morning in the account's zone, so the survey goes out at once.
  const now = new Date('2026-11-18T10:00:00.000Z');

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestTable('inbox-e2e');
    let route: ReturnType<typeof createRouteHttp> | undefined;
    server = await startHttpServer({
      port: 0,
      invoke: (_job, event) => (route as ReturnType<typeof createRouteHttp>)(event),
      log: () => undefined,
    });
    const mailer = new SesMailer(createSesClient('us-east-1', t.runtime.sesEndpoint), {
      sender: 'checkins@sender.test',
      maxPerSecond: 50,
    });
    wiring = createScanDeps(
      { ...t.runtime, sender: 'checkins@sender.test', publicBaseUrl: server.url },
      t.settings,
      { db: t.db, mailer, events },
    );
    route = createRouteHttp({
      surveys: wiring.surveys,
      accounts: wiring.store,
      addresses: wiring.addresses as never,
      events,
      // The answer comes a day after the email.
      clock: () => new Date(now.getTime() + DAY),
      publicBaseUrl: server.url,
    });
    await importRecords(
      t.store,
      [
        importRecord('NORTHWIND', {
          profile: { name: 'Northwind Traders', annualRevenue: 60_000, timeZone: 'Europe/Lisbon' },
          contacts: [contact('NORTHWIND', `ana${DOMAIN}`, { name: 'Ana Lima' })],
          lastContactAt: daysBefore(now, 70),
        }),
      ],
      { now },
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await t?.drop();
  });

  it('takes the clicked score from the email to the thank-you page and records the answer', async () => {
    const report = await runScan({ scheduledTime: now.toISOString() }, wiring);
    expect(report.sent.survey).toBe(1);
    const [email] = await emailsTo(DOMAIN);
    const link = /href="([^"]+\?score=9)"/.exec(email?.body.html ?? '')?.[1]?.replaceAll('&amp;', '&');
    expect(link?.startsWith(`${server.url}/s/`)).toBe(true);

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(link as string);
    expect(await page.getByRole('radio', { name: '9' }).isChecked()).toBe(true);
    await page
      .getByLabel('What is the main reason for your score?')
      .fill('Setup was painless; invoices could be faster.');
    await page.screenshot({ path: `${ARTIFACTS}/inbox-survey-filled.png`, fullPage: true });
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you!');
    await page.screenshot({ path: `${ARTIFACTS}/inbox-survey-thank-you.png`, fullPage: true });
    await page.close();

    const [response] = await wiring.surveys.listResponsesByAccount('NORTHWIND');
    expect(response).toMatchObject({
      kind: 'nps',
      score: 9,
      comment: 'Setup was painless; invoices could be faster.',
    });
    expect((await t.store.getAccount('NORTHWIND'))?.lastContactAt).toBe(
      new Date(now.getTime() + DAY).toISOString(),
    );
    expect(events.events.map((e) => e.detailType)).toEqual(['Survey Sent', 'Survey Answered']);
  });
});
