import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashToken,
  isWellFormedToken,
  mintToken,
  TOKEN_LENGTH,
  TOKEN_RANDOM_BYTES,
} from '../../../functions/core/survey/tokens.ts';

describe('link tokens', () => {
  it('carries at least 128 random bits in a URL-safe string', () => {
    expect(TOKEN_RANDOM_BYTES * 8).toBeGreaterThanOrEqual(128);
    const token = mintToken(randomBytes);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('never repeats across many mints', () => {
    const tokens = new Set(Array.from({ length: 5000 }, () => mintToken(randomBytes)));
    expect(tokens.size).toBe(5000);
  });

  it('accepts its own tokens as well-formed', () => {
    for (let i = 0; i < 200; i++) expect(isWellFormedToken(mintToken(randomBytes))).toBe(true);
  });

  it('detects a changed, missing or added character without a store read', () => {
    const token = mintToken(randomBytes);
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      expect(isWellFormedToken(token.slice(0, i) + c + token.slice(i + 1))).toBe(false);
    }
    expect(isWellFormedToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedToken(`${token}A`)).toBe(false);
    expect(isWellFormedToken('')).toBe(false);
    expect(isWellFormedToken(`${token.slice(0, -1)}=`)).toBe(false);
  });

  it('hashes to a stable SHA-256 that is not the token', () => {
    const token = mintToken(randomBytes);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toHaveLength(43);
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(mintToken(randomBytes))).not.toBe(hashToken(token));
  });
});
