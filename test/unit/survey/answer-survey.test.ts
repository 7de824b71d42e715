import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Touch } from '../../../functions/core/account.ts';
import { InvalidLinkError } from '../../../functions/core/errors.ts';
import {
  InvalidAnswerError,
  openSurvey,
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
  const surveys = {
    findLink: async (hash: string) => links.get(hash),
    recordResponse: async (input: ResponseInput) => {
      const revised = responses.some((r) => r.surveyId === input.surveyId);
      responses.push(input);
      const response: SurveyResponse = {
        ...input,
        contactEmail: 'c@x.test',
        ownerEmail: 'o@x.test',
        kind: 'nps',
        sentAt: '2026-11-19T10:00:00Z',
      };
      return { response, revised };
    },
  };
  const deps = {
    surveys,
    accounts: { recordTouch: async (t: Touch) => touches.push(t) },
    events: { publish: async (e: SurveyAnsweredEvent[]) => void events.push(...e) },
    addresses: { optOut: async (email: string) => void optOuts.push(email) },
    links: surveys,
    clock: () => NOW,
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
  return { deps, issue, responses, touches, events, optOuts };
}

describe('answering a survey', () => {
  it('records the answer, counts it as contact and emits an event without personal data', async () => {
    const f = fakes();
    const token = f.issue();
    const r = await recordAnswer({ token, score: '3', comment: ' slow support ' }, f.deps);
    expect(r.revised).toBe(false);
    expect(f.responses).toEqual([
      { accountId: 'acme', surveyId: 's1', score: 3, comment: 'slow support', answeredAt: NOW.toISOString() },
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
  it('confirms without writing, then opts the address out on POST', async () => {
    const f = fakes();
    const token = f.issue({ purpose: 'unsubscribe', surveyId: undefined, kind: undefined });
    await openUnsubscribe(token, f.deps);
    expect(f.optOuts).toEqual([]);
    await unsubscribe(token, f.deps);
    expect(f.optOuts).toEqual(['c@x.test']);
  });

  it('accepts a survey token too', async () => {
    const f = fakes();
    await unsubscribe(f.issue(), f.deps);
    expect(f.optOuts).toEqual(['c@x.test']);
  });

  it('masks the address it shows', () => {
    expect(maskEmail('anna.berg@example.com')).toBe('a•••@example.com');
    expect(maskEmail('nobody')).toBe('•••');
  });
});
