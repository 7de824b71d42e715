import { classifyAnswer, PROMOTER_MIN, type SurveyKind } from '../domain/vocabulary.ts';

/**
 * NPS and CSAT over lists of responses. Pure; callers pass one response per survey (the latest
 * answer), which is what the store lists.
 */

export interface ScoredResponse {
  kind: SurveyKind;
  score: number;
  accountId: string;
  ownerEmail: string;
}

export interface NpsSummary {
  responses: number;
  /** Scores 9-10. */
  promoters: number;
  /** Scores 7-8. */
  passives: number;
  /** Scores 0-6. */
  detractors: number;
  /** % promoters − % detractors, rounded half away from zero; null when there are no responses. */
  score: number | null;
}

export interface CsatSummary {
  responses: number;
  /** Mean score (1-5), two decimals; null when there are no responses. */
  average: number | null;
  /** Share of 4s and 5s in percent, rounded; null when there are no responses. */
  satisfiedPct: number | null;
}

export interface SurveySummary {
  nps: NpsSummary;
  csat: CsatSummary;
}

/** Rounds half away from zero, and never returns -0. */
function roundHalfAway(x: number, decimals = 0): number {
  const f = 10 ** decimals;
  const r = (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
  return r === 0 ? 0 : r;
}

/** NPS of the NPS responses in the list (CSAT responses are ignored). */
export function npsOf(responses: readonly Pick<ScoredResponse, 'kind' | 'score'>[]): NpsSummary {
  let promoters = 0;
  let detractors = 0;
  let count = 0;
  for (const r of responses) {
    if (r.kind !== 'nps') continue;
    count++;
    const answer = classifyAnswer('nps', r.score);
    if (answer === 'promoter') promoters++;
    else if (answer === 'detractor') detractors++;
  }
  return {
    responses: count,
    promoters,
    passives: count - promoters - detractors,
    detractors,
    score: count === 0 ? null : roundHalfAway(((promoters - detractors) / count) * 100),
  };
}

/** CSAT of the CSAT responses in the list (NPS responses are ignored). */
export function csatOf(responses: readonly Pick<ScoredResponse, 'kind' | 'score'>[]): CsatSummary {
  const scores = responses.filter((r) => r.kind === 'csat').map((r) => r.score);
  if (scores.length === 0) return { responses: 0, average: null, satisfiedPct: null };
  const sum = scores.reduce((a, b) => a + b, 0);
  const satisfied = scores.filter((s) => s >= PROMOTER_MIN.csat).length;
  return {
    responses: scores.length,
    average: roundHalfAway(sum / scores.length, 2),
    satisfiedPct: roundHalfAway((satisfied / scores.length) * 100),
  };
}

export function summarize(responses: readonly Pick<ScoredResponse, 'kind' | 'score'>[]): SurveySummary {
  return { nps: npsOf(responses), csat: csatOf(responses) };
}

function summarizeBy<R extends ScoredResponse>(
  responses: readonly R[],
  keyOf: (r: R) => string,
): Map<string, SurveySummary> {
  const groups = new Map<string, R[]>();
  for (const r of responses) {
    const key = keyOf(r);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return new Map([...groups].map(([k, g]) => [k, summarize(g)]));
}

/** NPS and CSAT per account id. */
export const summarizeByAccount = (responses: readonly ScoredResponse[]) =>
  summarizeBy(responses, (r) => r.accountId);

/** NPS and CSAT per owner (lower-cased email). */
export const summarizeByOwner = (responses: readonly ScoredResponse[]) =>
  summarizeBy(responses, (r) => r.ownerEmail.toLowerCase());

/** "+35", "-12", "0", "n/a". */
export function formatNps(score: number | null): string {
  if (score === null) return 'n/a';
  return score > 0 ? `+${score}` : String(score);
}
