import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { SurveyStore } from '../../functions/adapters/dynamodb/survey-store.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { createRouteHttp } from '../../functions/handlers/http-routes.ts';
import { contact, DAY, importRecord } from '../support/builders.ts';
import { runCli, tableEnv } from '../support/cli.ts';
import { httpEvent } from '../support/http-event.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';
import { emailsTo, header } from '../support/ses-inbox.ts';

/**
 * Issue #14, survey-only opt-out, against DynamoDB Local and SES local: the survey a scan sends
 * carries a link (footer and RFC 8058 List-Unsubscribe) that stops surveys only; its page says so
 * (GET confirms, POST acts); the contact's next due contact is a personal check-in, not a survey.
 */
const DOMAIN = '@survey-opt-out.test';
const BASE = 'http://links.survey-opt-out.test';
// Wednesday 16 Sep 2026, 14:00 UTC, and nine weeks later, Wednesday 18 Nov: inside business hours.
const T = Date.parse('2026-09-16T14:00:00.000Z');
const NEXT = new Date(T + 63 * DAY).toISOString();

let t: TestTable;
let route: ReturnType<typeof createRouteHttp>;
let addresses: AddressStore;
const cli = (...args: string[]) =>
  runCli(args, {
    ...tableEnv(t),
    AH_SES_ENDPOINT: t.runtime.sesEndpoint,
    AH_PUBLIC_BASE_URL: BASE,
    AH_SETTINGS: '{}',
  });

beforeAll(async () => {
  t = await createTestTable('survey-opt-out');
  addresses = new AddressStore(t.db, t.runtime.tableName);
  route = createRouteHttp({
    surveys: new SurveyStore(t.db, t.runtime.tableName),
    accounts: t.store,
    addresses,
    events: new RecordingPublisher(),
    clock: () => new Date(T + DAY),
    publicBaseUrl: BASE,
  });
  // A growth account (revenue 60,000): its policy is an NPS survey every 60 days.
  await importRecords(
    t.store,
    [
      importRecord('opt-g', {
        profile: { annualRevenue: 60_000 },
        contacts: [contact('opt-g', `gil${DOMAIN}`, { name: 'Gil Ortega' })],
        lastContactAt: new Date(T - 70 * DAY).toISOString(),
      }),
    ],
    { now: new Date(T - DAY) },
  );
});
afterAll(async () => t?.drop());

const pathOf = (url: string) => new URL(url).pathname;

describe('survey-only opt-out (HTTP, DynamoDB Local, SES local)', () => {
  it("stops surveys from the survey's own link and keeps the personal check-ins", async () => {
    const first = await cli('run', 'scan', '--now', new Date(T).toISOString(), '--json');
    expect(JSON.parse(first.out)).toMatchObject({ sent: { survey: 1, checkIn: 0 } });
    const [survey] = await emailsTo(DOMAIN);
    const listUnsubscribe = header(survey as never, 'List-Unsubscribe') ?? '';
    const optOutUrl = /^<(.+)>$/.exec(listUnsubscribe)?.[1] ?? '';
    expect(optOutUrl).toMatch(`${BASE}/u/`);
    expect(survey?.body.html).toContain(`href="${optOutUrl}"`);
    expect(survey?.body.html).toContain('Stop surveys</a>');

    // GET confirms and says exactly what the link does; nothing is written.
    const confirm = await route(httpEvent({ url: pathOf(optOutUrl) }));
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1>Stop surveys?</h1>');
    expect(confirm.body).toContain('Personal check-ins from your account team will still come');
    expect(await addresses.get(`gil${DOMAIN}`)).not.toHaveProperty('surveyOptedOutAt');

    // The RFC 8058 one-click POST acts: surveys only.
    const done = await route(
      httpEvent({
        method: 'POST',
        url: pathOf(optOutUrl),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('<h1>No more surveys</h1>');
    const state = await addresses.get(`gil${DOMAIN}`);
    expect(state.surveyOptedOutAt).toBe(new Date(T + DAY).toISOString());
    expect(state.optedOutAt).toBeUndefined();

    // The survey page's footer link is the same survey-only opt-out.
    const surveyPath = pathOf(/href="([^"]*\/s\/[^"?]+)/.exec(survey?.body.html ?? '')?.[1] ?? '');
    const page = await route(httpEvent({ url: surveyPath }));
    expect(page.body).toContain('Stop surveys</a>');

    // Next cycle: the account's policy is a survey, the contact takes none, so a check-in goes.
    const next = await cli('run', 'scan', '--now', NEXT, '--json');
    expect(JSON.parse(next.out)).toMatchObject({ sent: { survey: 0, checkIn: 1, reminder: 0 } });
    const mail = await emailsTo(DOMAIN);
    expect(mail).toHaveLength(2);
    expect(header(mail[1] as never, 'List-Unsubscribe')).not.toBe(listUnsubscribe);

    const shown = await cli('account', 'opt-g');
    expect(shown.out).toMatch(new RegExp(`gil${DOMAIN}.*check-ins only \\(opted out of surveys\\)`));
  });
});
