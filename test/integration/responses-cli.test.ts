import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../support/builders.ts';
import { runCli } from '../support/cli.ts';
import { formPost } from '../support/http-event.ts';
import { createSurveyFixture, type SurveyFixture } from '../support/survey-fixture.ts';

const NOW = new Date('2026-11-18T10:00:00.000Z');
let f: SurveyFixture;
let env: NodeJS.ProcessEnv;

const responses = (...args: string[]) => runCli(['responses', ...args], env);
const run = async (...args: string[]) => {
  const { code, out } = await responses(...args);
  return { code, out };
};

async function answer(
  accountId: string,
  surveyId: string,
  kind: 'nps' | 'csat',
  score: number,
  comment?: string,
  at = NOW,
) {
  const { token } = await f.surveys.issueSurvey({
    surveyId,
    accountId,
    contactEmail: `ana@${accountId}.test`,
    contactName: 'Ana Lima',
    kind,
    sentAt: new Date(at.getTime() - DAY),
    expiresAt: new Date(at.getTime() + 30 * DAY),
    ownerEmail: 'owner@owners.test',
  });
  f.clock.now = at;
  const r = await f.route(formPost(`/s/${token}`, { score: String(score), ...(comment ? { comment } : {}) }));
  expect(r.statusCode).toBe(200);
}

beforeAll(async () => {
  f = await createSurveyFixture('responses-cli', NOW, ['acme', 'globex']);
  env = {
    ...process.env,
    AH_DDB_ENDPOINT: f.table.runtime.ddbEndpoint,
    AH_TABLE_NAME: f.table.runtime.tableName,
  };
});

afterAll(async () => {
  await f.table.drop();
});

describe('account-health responses', () => {
  it('prints [] with --json and a friendly line when there are no answers', async () => {
    expect(await run('--json')).toEqual({ code: 0, out: '[]\n' });
    expect((await run()).out).toBe('No survey answers yet.\n');
  });

  it('lists answers with account, contact, kind, score, comment and time, then NPS and CSAT', async () => {
    await answer('acme', 'a-1', 'nps', 10, 'Great\nteam');
    await answer('acme', 'a-2', 'nps', 3, 'Slow', new Date(NOW.getTime() + DAY));
    await answer('globex', 'g-1', 'csat', 4, undefined, new Date(NOW.getTime() - 40 * DAY));
    const { code, out } = await run();
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^Account\s+Contact\s+Kind\s+Score\s+Comment\s+Answered at \(UTC\)$/);
    expect(out).toContain('Company acme (acme)');
    expect(out).toMatch(/Ana Lima <ana@acme\.test>\s+NPS\s+10\/10\s+Great team\s+2026-11-18 10:00/);
    expect(out).toMatch(/CSAT\s+4\/5/);
    expect(out).toContain('NPS overall: 0 (2 answers: 1 promoter, 0 passives, 1 detractor)');
    expect(out).toContain('CSAT: 4.00 average, 100% satisfied (1 answer)');
  });

  it('filters by account and by time, and prints JSON for machines', async () => {
    const byAccount = JSON.parse((await run('--account', 'globex', '--json')).out);
    expect(byAccount).toEqual([
      expect.objectContaining({ accountId: 'globex', surveyId: 'g-1', kind: 'csat', score: 4 }),
    ]);
    const since = JSON.parse((await run('--since', '2026-11-19', '--json')).out);
    expect(since.map((r: { surveyId: string }) => r.surveyId)).toEqual(['a-2']);
    const both = JSON.parse((await run('--account', 'acme', '--since', '2026-11-01', '--json')).out);
    expect(both.map((r: { surveyId: string }) => r.surveyId)).toEqual(['a-1', 'a-2']);
  });

  it('refuses a --since that is not a date', async () => {
    const r = await responses('--since', 'yesterday');

    expect(r.code).toBe(2);
    // The first line written (the CLI writes its error in one call).
    expect(r.err).toMatch(/^.*--since yesterday is not an ISO date/);
  });
});
