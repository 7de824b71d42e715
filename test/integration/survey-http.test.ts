import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_HEADERS } from '../../functions/core/survey/survey-page.ts';
import { hashToken } from '../../functions/core/survey/tokens.ts';
import { DAY } from '../support/builders.ts';
import { formPost, httpEvent } from '../support/http-event.ts';
import { createSurveyFixture, type SurveyFixture } from '../support/survey-fixture.ts';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

let f: SurveyFixture;
let seq = 0;

async function issue(accountId = 'acme', kind: 'nps' | 'csat' = 'nps', expiresAt = later(30 * DAY)) {
  const surveyId = `sv-${++seq}`;
  const { token } = await f.surveys.issueSurvey({
    surveyId,
    accountId,
    contactEmail: `Ana@${accountId}.test`,
    contactName: 'Ana Lima',
    kind,
    sentAt: f.clock.now,
    expiresAt,
    ownerEmail: 'owner@owners.test',
    ownerName: 'Olivia Owner',
  });
  return { surveyId, token };
}

beforeAll(async () => {
  f = await createSurveyFixture('survey-http', NOW, ['acme', 'globex', 'initech', 'umbrella']);
});

beforeEach(() => {
  f.clock.now = NOW;
});

afterAll(async () => {
  await f.table.drop();
});

describe('survey links over HTTP', () => {
  it('shows the page on GET, five times, and records nothing', async () => {
    const { surveyId, token } = await issue();
    const before = await f.snapshot();
    for (let i = 0; i < 5; i++) {
      const r = await f.route(httpEvent({ url: `/s/${token}?score=${i + 6}` }));
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain(`value="${i + 6}" checked>`);
      expect(r.body).toContain('<bdi>Olivia Owner</bdi> asked for your feedback');
      expect(r.headers).toMatchObject(PAGE_HEADERS);
    }
    const head = await f.route(httpEvent({ method: 'HEAD', url: `/s/${token}` }));
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(await f.snapshot()).toEqual(before);
    expect(await f.surveys.listResponsesByAccount('acme')).toEqual([]);
    expect((await f.surveys.getSurvey('acme', surveyId))?.status).toBe('sent');
    expect(f.events.events).toEqual([]);
  });

  it('reads exactly one item to show the page', async () => {
    const { token } = await issue();
    const commands: string[] = [];
    f.table.db.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'count-commands' },
    );
    try {
      expect((await f.route(httpEvent({ url: `/s/${token}?score=3` }))).statusCode).toBe(200);
      expect((await f.route(httpEvent({ url: `/u/${token}` }))).statusCode).toBe(200);
    } finally {
      f.table.db.middlewareStack.remove('count-commands');
    }
    expect(commands).toEqual(['GetItemCommand', 'GetItemCommand']);
  });

  it('records score and comment on POST, moves the last contact and emits Survey Answered', async () => {
    const { surveyId, token } = await issue();
    f.clock.now = later(DAY);
    const r = await f.route(
      formPost(
        `/s/${token}`,
        { score: '4', comment: '  Support was slow <b>again</b>  ' },
        { origin: 'https://links.example.test' },
      ),
    );
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<strong>4 out of 10</strong>, with your comment');

    const survey = await f.surveys.getSurvey('acme', surveyId);
    expect(survey).toMatchObject({ status: 'answered', score: 4, comment: 'Support was slow <b>again</b>' });
    expect(survey?.answeredAt).toBe(later(DAY).toISOString());
    const byAccount = await f.surveys.listResponsesByAccount('acme');
    expect(byAccount).toEqual([
      expect.objectContaining({ surveyId, score: 4, kind: 'nps', contactEmail: 'ana@acme.test' }),
    ]);
    expect((await f.surveys.listResponsesSince(NOW)).map((x) => x.surveyId)).toContain(surveyId);

    const account = await f.table.store.getAccount('acme');
    expect(account?.lastContactAt).toBe(later(DAY).toISOString());
    expect(account?.lastContactKind).toBe('survey-answer');
    expect(Date.parse(account?.nextDueAt ?? '')).toBeGreaterThan(later(DAY).getTime());
    const view = await f.table.store.getAccountView('acme');
    expect(view.timeline[0]).toMatchObject({
      kind: 'survey-answer',
      note: expect.stringContaining('NPS 4/10'),
    });

    expect(f.events.events.at(-1)).toEqual({
      detailType: 'Survey Answered',
      detail: {
        accountId: 'acme',
        surveyId,
        kind: 'nps',
        score: 4,
        answeredAt: later(DAY).toISOString(),
        revised: false,
      },
      time: later(DAY),
    });
  });

  it('updates the same response when answered again, in every listing', async () => {
    const { surveyId, token } = await issue('globex', 'csat', later(60 * DAY));
    f.clock.now = later(2 * DAY);
    expect((await f.route(formPost(`/s/${token}`, { score: '2', comment: 'meh' }))).statusCode).toBe(200);
    f.clock.now = later(40 * DAY); // next month: the time listing entry has to move
    const again = await f.route(formPost(`/s/${token}`, { score: '5' }));
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('We have updated your answer');

    const responses = await f.surveys.listResponsesByAccount('globex');
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ surveyId, score: 5, answeredAt: later(40 * DAY).toISOString() });
    expect(responses[0]?.comment).toBeUndefined();
    const all = (await f.surveys.listResponsesSince()).filter((r) => r.surveyId === surveyId);
    expect(all).toEqual(responses);
    const survey = await f.surveys.getSurvey('globex', surveyId);
    expect(survey?.firstAnsweredAt).toBe(later(2 * DAY).toISOString());
    expect(f.events.events.at(-1)?.detail).toMatchObject({ surveyId, score: 5, revised: true });
  });

  it('shows the form again with a message for an invalid answer, writing nothing', async () => {
    const { token } = await issue('initech');
    const before = await f.snapshot();
    const r = await f.route(formPost(`/s/${token}`, { score: '11', comment: 'keep <me>' }));
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('role="alert"');
    expect(r.body).toContain('Please choose a score from 0 to 10.');
    expect(r.body).toContain('>keep &lt;me&gt;</textarea>');
    const missing = await f.route(formPost(`/s/${token}`, { comment: 'no score' }));
    expect(missing.statusCode).toBe(400);
    expect(await f.snapshot()).toEqual(before);
  });

  it('answers expired, tampered and unknown links with a 4xx page and writes nothing', async () => {
    const expired = await issue('acme', 'nps', later(DAY));
    const { token } = await issue();
    const tampered = `${token.slice(0, 5)}${token[5] === 'x' ? 'y' : 'x'}${token.slice(6)}`;
    f.clock.now = later(2 * DAY);
    const before = await f.snapshot();
    const cases: Array<[string, RegExp]> = [
      [expired.token, /This link has expired/],
      [tampered, /This link looks damaged/],
      ['abc', /This link looks damaged/],
      ['AAAAAAAAAAAAAAAAAAAAAAAAAAAA', /This link looks damaged/],
      [
        (await import('../../functions/core/survey/tokens.ts')).mintToken(randomBytes),
        /We don’t recognise this link/,
      ],
    ];
    for (const [t, message] of cases) {
      for (const event of [httpEvent({ url: `/s/${t}?score=9` }), formPost(`/s/${t}`, { score: '9' })]) {
        const r = await f.route(event);
        expect(r.statusCode).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
        expect(r.body).toMatch(message);
        expect(r.headers).toMatchObject(PAGE_HEADERS);
      }
    }
    expect(await f.snapshot()).toEqual(before);
  });

  it('refuses a POST from a foreign origin and accepts one without Origin', async () => {
    const { token } = await issue('umbrella');
    const before = await f.snapshot();
    const foreign = await f.route(formPost(`/s/${token}`, { score: '9' }, { origin: 'https://evil.test' }));
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain('another website');
    expect(await f.snapshot()).toEqual(before);
    expect((await f.route(formPost(`/s/${token}`, { score: '9' }))).statusCode).toBe(200);
  });

  it('refuses Origin: null, Sec-Fetch-Site: cross-site and a foreign Referer, writing nothing', async () => {
    const { token } = await issue('umbrella-2');
    const before = await f.snapshot();
    for (const headers of <Record<string, string>[]>[
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { referer: 'https://evil.test/form.html' },
    ]) {
      const r = await f.route(formPost(`/s/${token}`, { score: '0' }, headers));
      expect(r.statusCode).toBe(403);
      const u = await f.route(formPost(`/u/${token}`, {}, headers));
      expect(u.statusCode).toBeGreaterThanOrEqual(400);
      expect(u.statusCode).toBeLessThan(500);
    }
    expect(await f.snapshot()).toEqual(before);
  });

  it('keeps every token of a re-issued survey working and never resets an answer', async () => {
    const first = await issue('initech');
    const { token: second } = await f.surveys.issueSurvey({
      surveyId: first.surveyId,
      accountId: 'initech',
      contactEmail: 'ana@initech.test',
      kind: 'nps',
      sentAt: later(DAY),
      expiresAt: later(31 * DAY),
      ownerEmail: 'owner@owners.test',
    });
    expect(second).not.toBe(first.token);
    expect((await f.route(formPost(`/s/${first.token}`, { score: '10' }))).statusCode).toBe(200);
    expect((await f.route(formPost(`/s/${second}`, { score: '9' }))).statusCode).toBe(200);
    await f.surveys.issueSurvey({
      surveyId: first.surveyId,
      accountId: 'initech',
      contactEmail: 'ana@initech.test',
      kind: 'nps',
      sentAt: later(2 * DAY),
      expiresAt: later(32 * DAY),
      ownerEmail: 'owner@owners.test',
    });
    const survey = await f.surveys.getSurvey('initech', first.surveyId);
    expect(survey).toMatchObject({ status: 'answered', score: 9, sentAt: NOW.toISOString() });
    const responses = (await f.surveys.listResponsesByAccount('initech')).filter(
      (r) => r.surveyId === first.surveyId,
    );
    expect(responses).toHaveLength(1);
  });

  it('stores only the hash of a token', async () => {
    const { token } = await issue();
    const items = (await f.snapshot()).join('\n');
    expect(items).not.toContain(token);
    expect(items).toContain(`TOKEN#${hashToken(token)}`);
  });
});

describe('reminders', () => {
  it('marks one reminder per unanswered survey and lists what was sent', async () => {
    const a = await issue('acme');
    const b = await issue('globex');
    expect(await f.surveys.markReminderSent('acme', a.surveyId, later(4 * DAY))).toBe(true);
    expect(await f.surveys.markReminderSent('acme', a.surveyId, later(4 * DAY))).toBe(false);
    await f.route(formPost(`/s/${b.token}`, { score: '8' }));
    expect(await f.surveys.hasAnswered('globex', b.surveyId)).toBe(true);
    expect(await f.surveys.markReminderSent('globex', b.surveyId, later(4 * DAY))).toBe(false);
    expect(await f.surveys.markReminderSent('acme', 'no-such-survey', later(4 * DAY))).toBe(false);
    const sent = await f.surveys.listSurveysSent(new Date(NOW.getTime() - 1), later(1));
    const ids = sent.map((s) => s.surveyId);
    expect(ids).toContain(a.surveyId);
    expect(sent.find((s) => s.surveyId === a.surveyId)?.reminderSentAt).toBe(later(4 * DAY).toISOString());
    expect(sent.find((s) => s.surveyId === b.surveyId)?.status).toBe('answered');
    expect(await f.surveys.listSurveysSent(later(DAY), later(2 * DAY))).toEqual([]);
  });
});

describe('unsubscribe links', () => {
  it('confirms on GET without writing, opts out on POST', async () => {
    const { token } = await f.surveys.issueUnsubscribeToken({
      accountId: 'acme',
      contactEmail: 'Bea@acme.test',
      expiresAt: later(365 * DAY),
    });
    const before = await f.snapshot();
    for (let i = 0; i < 5; i++) {
      const r = await f.route(httpEvent({ url: `/u/${token}` }));
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('b•••@acme.test');
      expect(r.body).not.toContain('Bea@');
    }
    expect(await f.snapshot()).toEqual(before);
    expect((await f.addresses.get('bea@acme.test')).optedOutAt).toBeUndefined();

    const done = await f.route(formPost(`/u/${token}`, {}, { origin: 'https://links.example.test' }));
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('You are unsubscribed');
    expect((await f.addresses.get('bea@acme.test')).optedOutAt).toBe(NOW.toISOString());
  });

  it('takes the RFC 8058 one-click POST from a mail server (no Origin, no cookies)', async () => {
    const { token } = await f.surveys.issueUnsubscribeToken({
      accountId: 'globex',
      contactEmail: 'cid@globex.test',
      expiresAt: later(365 * DAY),
    });
    const r = await f.route(
      httpEvent({
        method: 'POST',
        url: `/u/${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    expect(r.statusCode).toBe(200);
    expect((await f.addresses.get('cid@globex.test')).optedOutAt).toBe(NOW.toISOString());
    const multipart = await f.route(
      httpEvent({
        method: 'POST',
        url: `/u/${token}`,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: Buffer.from(
          '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--',
        ).toString('base64'),
        isBase64Encoded: true,
      }),
    );
    expect(multipart.statusCode).toBe(200);
  });

  it('lets a survey link opt its recipient out of surveys, but not an unsubscribe link open a survey', async () => {
    const { token } = await issue('umbrella');
    const done = await f.route(formPost(`/u/${token}`, {}));
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('No more surveys');
    expect((await f.addresses.get('ana@umbrella.test')).surveyOptedOutAt).toBeDefined();
    expect((await f.addresses.get('ana@umbrella.test')).optedOutAt).toBeUndefined();
    const { token: unsub } = await f.surveys.issueUnsubscribeToken({
      accountId: 'umbrella',
      contactEmail: 'ana@umbrella.test',
      expiresAt: later(DAY),
    });
    const r = await f.route(httpEvent({ url: `/s/${unsub}` }));
    expect(r.statusCode).toBe(410);
  });

  it('refuses a foreign origin and wrong methods', async () => {
    const { token } = await f.surveys.issueUnsubscribeToken({
      accountId: 'initech',
      contactEmail: 'dan@initech.test',
      expiresAt: later(DAY),
    });
    expect((await f.route(formPost(`/u/${token}`, {}, { origin: 'https://evil.test' }))).statusCode).toBe(
      403,
    );
    const put = await f.route(httpEvent({ method: 'PUT', url: `/u/${token}` }));
    expect(put.statusCode).toBe(405);
    expect(put.headers?.allow).toBe('GET, POST');
    expect((await f.addresses.get('dan@initech.test')).optedOutAt).toBeUndefined();
  });
});

describe('health', () => {
  it('still answers GET /health', async () => {
    const r = await f.route(httpEvent({ url: '/health' }));
    expect(r.statusCode).toBe(200);
    expect(JSON.parse(String(r.body))).toEqual({ status: 'ok' });
  });
});
