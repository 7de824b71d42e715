import type { SurveyKind } from '../domain/vocabulary.ts';
import { ValidationError } from '../errors.ts';
import { cleanMultiLine, isWellFormedText } from '../text-policy.ts';

/** Valid scores per survey kind: NPS 0-10, CSAT 1-5. */
export const SCORE_RANGE: Record<SurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
};

/** Counted in characters (code points) after trimming. */
export const MAX_COMMENT_CHARS = 2000;

export interface Answer {
  score: number;
  comment?: string | undefined;
}

/** A score as typed in a link or a form, or undefined when it is not a valid score for the kind. */
export function parseScore(kind: SurveyKind, raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d{1,2}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  const { min, max } = SCORE_RANGE[kind];
  return n >= min && n <= max ? n : undefined;
}

/**
 * Trims a comment and applies the multi-line text policy (line ends normalised, controls other
 * than tab and newline and bidi overrides dropped); undefined when nothing is left.
 */
export function normalizeComment(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const cleaned = cleanMultiLine(raw).trim();
  return cleaned === '' ? undefined : cleaned;
}

/** Validates a submitted answer; the ValidationError's message is shown to the person answering. */
export function validateAnswer(kind: SurveyKind, input: { score?: string; comment?: string }): Answer {
  const { min, max } = SCORE_RANGE[kind];
  const score = parseScore(kind, input.score);
  if (score === undefined)
    throw new ValidationError(`Please choose a score from ${min} to ${max}.`, {
      key: 'page.survey.noScore',
      values: { min, max },
    });
  if (input.comment !== undefined && !isWellFormedText(input.comment))
    throw new ValidationError('Your comment contains characters we cannot read. Please retype it.', {
      key: 'page.survey.unreadable',
      values: {},
    });
  const comment = normalizeComment(input.comment);
  if (comment !== undefined && [...comment].length > MAX_COMMENT_CHARS)
    throw new ValidationError(
      `Your comment is ${[...comment].length.toLocaleString('en-US')} characters long; please shorten it to ${MAX_COMMENT_CHARS.toLocaleString('en-US')}.`,
      { key: 'page.survey.tooLong', values: { length: [...comment].length, max: MAX_COMMENT_CHARS } },
    );
  return { score, comment };
}
