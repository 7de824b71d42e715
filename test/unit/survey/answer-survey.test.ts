import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Touch } from '../../../functions/core/account.ts';
import { InvalidLinkError } from '../../../functions/core/errors.ts';
import {
  InvalidAnswerError,
  openSurvey,
  type RecordResponseResult,
  type ResponseInput,
  recordAnswer,
  type SurveyAnsweredEvent,
} from '../../../functions/core/survey/answer-survey.ts';
import type { LinkToken, SurveyResponse } from '../../../functions/core/survey/survey.ts';
import { hashToken, mintToken } from '../../../functions/core/survey/tokens.ts';
import { maskEmail, openUnsubscribe, unsubscribe } from '../../../functions/core/survey/unsubscribe.ts';

const NOW = new Date('2026-11-20T10:00:00Z');

function fakes() {
  const links = new Map<string, LinkToken>();
  const responses: ResponseInput[] = [];
  const touches: Touch[] = [];
  const events: SurveyAnsweredEvent[] = [];
  const optOuts: string[] = [];
  const surveyOptOuts: string[] = [];
  const surveys = {
    findLink: async (hash: string) => links.get(hash),
    /** Like the real store: one answer per survey, unchanged answers not written, a revision cap. */
    recordResponse: async (input: ResponseInput): Promise<RecordResponseResult> => {
      const mine = responses.filter((r) => r.surveyId === input.surveyId);
      const last = mine.at(-1);
      const asResponse = (r: ResponseInput): SurveyResponse => ({
        accountId: r.accountId,
        surveyId: r.surveyId,
        score: r.score,
        comment: r.comment,
        answeredAt: r.answeredAt,
        contactEmail: 'c@x.test',
        ownerEmail: 'o@x.test',
        kind: 'nps',
        sentAt: '2026-11-19T10:00:00Z',
      });
      if (last && last.score === input.score && last.comment === input.comment)
        return { outcome: 'unchanged', response: asResponse(last), revised: mine.length > 1 };
      if (last && mine.length > input.maxRevisions)
        return { outcome: 'final', response: asResponse(last), revised: true };
      responses.push(input);
      return { outcome: 'recorded', response: asResponse(input), revised: last !== undefined };
    },
  };
  const deps = {
    surveys,
    accounts: { recordContact: async (t: Touch) => touches.push(t) },
    events: { publish: async (e: SurveyAnsweredEvent[]) => void events.push(...e) },
    addresses: {
      optOut: async (email: string) => void optOuts.push(email),
      optOutOfSurveys: async (email: string) => void surveyOptOuts.push(email),
    },
    links: surveys,
    clock: () => NOW,
    maxRevisions: 5 as number | undefined,
  };
  const issue = (link: Partial<LinkToken> = {}) => {
    const token = mintToken(randomBytes);
    links.set(hashToken(token), {
      purpose: 'survey',
      accountId: 'acme',
      contactEmail: 'c@x.test',
      surveyId: 's1',
      kind: 'nps',
      validUntil: '2026-12-20T10:00:00Z',
      ...link,
    });
    return token;
  };
  return { deps, issue, responses, touches, events, optOuts, surveyOptOuts };
}

describe('answering a survey', () => {
  it('records the answer, counts it as contact and emits an event without personal data', async () => {
    const f = fakes();
    const token = f.issue();
    const r = await recordAnswer({ token, score: '3', comment: ' slow support ' }, f.deps);
    expect(r.revised).toBe(false);
    expect(f.responses).toEqual([
      {
        accountId: 'acme',
        surveyId: 's1',
        score: 3,
        comment: 'slow support',
        answeredAt: NOW.toISOString(),
        maxRevisions: 5,
        timelineNote: 'Survey answered: NPS 3/10: “slow support”',
      },
    ]);
    expect(f.touches).toEqual([
      expect.objectContaining({ accountId: 'acme', at: NOW.toISOString(), kind: 'survey-answer' }),
    ]);
    expect(f.events).toEqual([
      {
        detailType: 'Survey Answered',
        detail: {
          accountId: 'acme',
          surveyId: 's1',
          kind: 'nps',
          score: 3,
          answeredAt: NOW.toISOString(),
          revised: false,
        },
        time: NOW,
      },
    ]);
    expect(JSON.stringify(f.events)).not.toMatch(/@|slow support/);
  });

  it('emits Survey Answered only when the stored answer changes: a replay writes and emits nothing', async () => {
    const f = fakes();
    const token = f.issue();
    for (let i = 0; i < 30; i++) {
      const r = await recordAnswer({ token, score: '7', comment: 'ok' }, f.deps);
      expect(r.response.score).toBe(7);
      expect(r.final).toBe(false);
    }
    expect(f.responses).toHaveLength(1);
    expect(f.touches).toHaveLength(1);
    expect(f.events).toHaveLength(1);
    await recordAnswer({ token, score: '7', comment: 'better now' }, f.deps);
    expect(f.events.map((e) => e.detail.revised)).toEqual([false, true]);
  });

  it('lets an answer be changed maxRevisions times, then says it is final and writes nothing', async () => {
    const f = fakes();
    f.deps.maxRevisions = 2;
    const token = f.issue();
    const results = [];
    for (const score of ['1', '2', '3', '4', '5']) results.push(await recordAnswer({ token, score }, f.deps));
    expect(results.map((r) => [r.response.score, r.final])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [3, true],
      [3, true],
    ]);
    expect(f.responses.map((r) => r.score)).toEqual([1, 2, 3]);
    expect(f.events.map((e) => e.detail.score)).toEqual([1, 2, 3]);
    expect(f.touches).toHaveLength(3);
  });

  it('refuses an invalid score with the link attached, writing nothing', async () => {
    const f = fakes();
    const token = f.issue();
    const error = await recordAnswer({ token, score: '11' }, f.deps).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidAnswerError);
    expect(error.name).toBe('ValidationError');
    expect(error.link.surveyId).toBe('s1');
    expect([f.responses, f.touches, f.events]).toEqual([[], [], []]);
  });

  it.each([
    ['tampered', () => `${mintToken(randomBytes).slice(0, -1)}#`],
    ['unknown', () => mintToken(randomBytes)],
  ] as const)('calls a %s token by its name', async (reason, make) => {
    const f = fakes();
    await expect(openSurvey(make(), f.deps)).rejects.toMatchObject({ name: 'InvalidLinkError', reason });
  });

  it('calls a token past its time expired, and one for another purpose unknown', async () => {
    const f = fakes();
    const expired = f.issue({ validUntil: NOW.toISOString() });
    const unsubscribeOnly = f.issue({ purpose: 'unsubscribe', surveyId: undefined, kind: undefined });
    await expect(recordAnswer({ token: expired, score: '9' }, f.deps)).rejects.toMatchObject({
      reason: 'expired',
    });
    await expect(openSurvey(unsubscribeOnly, f.deps)).rejects.toBeInstanceOf(InvalidLinkError);
    expect(f.responses).toEqual([]);
  });
});

describe('unsubscribing', () => {
  it('confirms without writing, then opts the address out of all mail on POST', async () => {
    const f = fakes();
    const token = f.issue({ purpose: 'unsubscribe', surveyId: undefined, kind: undefined });
    expect((await openUnsubscribe(token, f.deps)).optOut).toBe('all');
    expect(f.optOuts).toEqual([]);
    expect((await unsubscribe(token, f.deps)).optOut).toBe('all');
    expect(f.optOuts).toEqual(['c@x.test']);
    expect(f.surveyOptOuts).toEqual([]);
  });

  it("opts out of surveys only through a survey email's link, and says so before acting (#14)", async () => {
    const f = fakes();
    const token = f.issue({ purpose: 'unsubscribe', scope: 'surveys', surveyId: undefined, kind: undefined });
    expect((await openUnsubscribe(token, f.deps)).optOut).toBe('surveys');
    expect(f.surveyOptOuts).toEqual([]);
    expect((await unsubscribe(token, f.deps)).optOut).toBe('surveys');
    expect(f.surveyOptOuts).toEqual(['c@x.test']);
    expect(f.optOuts).toEqual([]);
  });

  it("takes a survey token (the survey page's footer link) as a survey-only opt-out (#14)", async () => {
    const f = fakes();
    expect((await unsubscribe(f.issue(), f.deps)).optOut).toBe('surveys');
    expect(f.surveyOptOuts).toEqual(['c@x.test']);
    expect(f.optOuts).toEqual([]);
  });

  it('masks the address it shows', () => {
    expect(maskEmail('anna.berg@example.com')).toBe('a•••@example.com');
    expect(maskEmail('nobody')).toBe('•••');
  });
});
