import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accountPk, surveySk } from '../../functions/adapters/dynamodb/keys.ts';
import { RecordingPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import type { SurveyAnsweredDetail } from '../../functions/core/events/account-health.ts';
import { applySurveyAnswer } from '../../functions/core/health/apply-survey-answer.ts';
import { createHealthDeps } from '../../functions/handlers/wiring/health.ts';
import { DAY } from '../support/builders.ts';
import { FakeMailer } from '../support/fakes.ts';
import { formPost } from '../support/http-event.ts';
import { createSurveyFixture, type SurveyFixture } from '../support/survey-fixture.ts';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const BASE = 'https://links.example.test';
let f: SurveyFixture;
let seq = 0;

async function issue(accountId: string) {
  const surveyId = `race-${++seq}`;
  const { token } = await f.surveys.issueSurvey({
    surveyId,
    accountId,
    contactEmail: `ana@${accountId}.test`,
    kind: 'nps',
    sentAt: NOW,
    expiresAt: new Date(NOW.getTime() + 30 * DAY),
    ownerEmail: 'owner@owners.test',
    ownerName: 'Olivia Owner',
  });
  return { surveyId, token };
}

const surveyKey = (accountId: string, surveyId: string) => ({
  pk: accountPk(accountId),
  sk: surveySk(surveyId),
});
const answered = (accountId: string) =>
  f.events.events.filter(
    (e) => e.detailType === 'Survey Answered' && (e.detail as { accountId: string }).accountId === accountId,
  );
const surveyEntries = async (accountId: string) =>
  (await f.table.store.getAccountView(accountId)).timeline.filter((t) => t.kind === 'survey-answer');

beforeAll(async () => {
  f = await createSurveyFixture('survey-race', NOW, ['acme', 'globex']);
});

beforeEach(() => {
  f.clock.now = new Date(NOW.getTime() + DAY);
});

afterAll(async () => {
  await f.table.drop();
});

describe('racing and replayed answers', () => {
  it('20 parallel POSTs of different scores: one answer, one timeline entry, one alert quoting it', async () => {
    const { surveyId, token } = await issue('acme');
    // All detractor scores (0-6), so whichever wins, the account goes from healthy to at risk.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => f.route(formPost(`/s/${token}`, { score: String(i % 7) }))),
    );
    for (const r of results) expect(r.statusCode).toBe(200);

    const survey = await f.surveys.getSurvey('acme', surveyId);
    const final = survey?.score as number;
    expect(await f.surveys.listResponsesByAccount('acme')).toEqual([
      expect.objectContaining({ surveyId, score: final }),
    ]);
    const entries = await surveyEntries('acme');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.note).toBe(`Survey answered: NPS ${final}/10`);
    // One event per stored change (the first answer, then at most maxRevisions revisions), one of them the stored answer.
    const events = answered('acme');
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(1 + f.table.settings.surveys.maxRevisions);
    expect(events.filter((e) => !(e.detail as { revised: boolean }).revised)).toHaveLength(1);
    expect(events.map((e) => (e.detail as { score: number }).score)).toContain(final);

    // The health-signals consumer gets every one of them, at once.
    const mailer = new FakeMailer();
    const health = new RecordingPublisher();
    const deps = createHealthDeps(
      { ...f.table.runtime, sender: 'checkins@sender.test', publicBaseUrl: BASE },
      f.table.settings,
      { db: f.table.db, mailer, events: health, clock: () => f.clock.now },
    );
    const first = await Promise.allSettled(
      events.map((e) => applySurveyAnswer(deps, e.detail as SurveyAnsweredDetail)),
    );
    // A delivery that finds the alert being sent by another one fails, to be delivered again.
    for (const r of first)
      if (r.status === 'rejected') expect((r.reason as Error).name).toBe('SendInFlightError');
    for (const e of events) await applySurveyAnswer(deps, e.detail as SurveyAnsweredDetail);
    expect(health.events.filter((e) => e.detailType === 'Account At Risk')).toHaveLength(1);
    const alerts = mailer.sent.filter((e) => e.tags.kind === 'owner-alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain(`NPS ${final}/10`);
  });

  it('30 replays of one answer: one timeline entry, one Survey Answered', async () => {
    const { surveyId, token } = await issue('globex');
    for (let i = 0; i < 30; i++) {
      f.clock.now = new Date(NOW.getTime() + DAY + i * 60_000);
      const r = await f.route(formPost(`/s/${token}`, { score: '9', comment: 'fine' }));
      expect(r.statusCode).toBe(200);
    }
    expect(await surveyEntries('globex')).toHaveLength(1);
    expect(answered('globex')).toHaveLength(1);
    expect(await f.surveys.getSurvey('globex', surveyId)).toMatchObject({ score: 9, comment: 'fine' });
  });

  it('after maxRevisions changes the page says the answer is final and nothing is written', async () => {
    const { surveyId, token } = await issue('globex');
    const max = f.table.settings.surveys.maxRevisions;
    for (let i = 0; i <= max; i++)
      expect((await f.route(formPost(`/s/${token}`, { score: String(i) }))).statusCode).toBe(200);
    const before = await f.snapshot();
    const eventsBefore = f.events.events.length;
    const r = await f.route(formPost(`/s/${token}`, { score: '10' }));
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Your answer is final');
    expect(r.body).toContain(`<strong>${max} out of 10</strong>`);
    expect(await f.snapshot()).toEqual(before);
    expect(f.events.events).toHaveLength(eventsBefore);
    expect((await f.surveys.getSurvey('globex', surveyId))?.score).toBe(max);
  });

  it('revises an answer stored before answer versions existed', async () => {
    const { surveyId, token } = await issue('globex');
    expect((await f.route(formPost(`/s/${token}`, { score: '3' }))).statusCode).toBe(200);
    await f.table.db.send(
      new UpdateCommand({
        TableName: f.table.runtime.tableName,
        Key: surveyKey('globex', surveyId),
        UpdateExpression: 'REMOVE answerVersion',
      }),
    );
    expect((await f.route(formPost(`/s/${token}`, { score: '8' }))).statusCode).toBe(200);
    expect((await f.surveys.getSurvey('globex', surveyId))?.score).toBe(8);
  });
});
