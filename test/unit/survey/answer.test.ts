import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/core/errors.ts';
import { MAX_COMMENT_CHARS, parseScore, validateAnswer } from '../../../functions/core/survey/answer.ts';

describe('answer validation', () => {
  it('accepts NPS 0-10 and CSAT 1-5 as integers', () => {
    expect(validateAnswer('nps', { score: '0' }).score).toBe(0);
    expect(validateAnswer('nps', { score: '10' }).score).toBe(10);
    expect(validateAnswer('csat', { score: '1' }).score).toBe(1);
    expect(validateAnswer('csat', { score: '5' }).score).toBe(5);
  });

  it.each([
    ['nps', undefined],
    ['nps', ''],
    ['nps', '11'],
    ['nps', '-1'],
    ['nps', '7.5'],
    ['nps', '1e1'],
    ['nps', '０'],
    ['nps', '0x5'],
    ['csat', '0'],
    ['csat', '6'],
  ] as const)('refuses %s score %j with a message for the person', (kind, score) => {
    expect(() => validateAnswer(kind, { score })).toThrow(ValidationError);
    expect(() => validateAnswer(kind, { score })).toThrow(/Please choose a score/);
  });

  it('trims the comment and drops an empty one', () => {
    expect(validateAnswer('nps', { score: '9', comment: '  great  \r\n' }).comment).toBe('great');
    expect(validateAnswer('nps', { score: '9', comment: ' \n\t ' }).comment).toBeUndefined();
  });

  it('removes control characters but keeps line breaks', () => {
    expect(validateAnswer('nps', { score: '9', comment: 'a\u0000b\r\nc\u001bd' }).comment).toBe('ab\ncd');
  });

  it('counts characters, not UTF-16 units, against the 2,000 limit', () => {
    const emoji = '😀'.repeat(MAX_COMMENT_CHARS);
    expect(validateAnswer('nps', { score: '9', comment: emoji }).comment).toBe(emoji);
    expect(() => validateAnswer('nps', { score: '9', comment: `${emoji}x` })).toThrow(/2,001 characters/);
  });

  it('refuses a comment with a lone surrogate', () => {
    expect(() => validateAnswer('nps', { score: '9', comment: 'a\ud800b' })).toThrow(ValidationError);
  });

  it('parses a link score leniently: invalid means no preselection', () => {
    expect(parseScore('nps', '9')).toBe(9);
    expect(parseScore('nps', '99')).toBeUndefined();
    expect(parseScore('csat', 'abc')).toBeUndefined();
    expect(parseScore('csat', undefined)).toBeUndefined();
  });
});
