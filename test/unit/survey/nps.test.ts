import { describe, expect, it } from 'vitest';
import {
  csatOf,
  formatNps,
  npsOf,
  type ScoredResponse,
  summarizeByAccount,
  summarizeByOwner,
} from '../../../functions/core/survey/nps.ts';

const nps = (score: number, accountId = 'a1', ownerEmail = 'o@x.test'): ScoredResponse => ({
  kind: 'nps',
  score,
  accountId,
  ownerEmail,
});
const csat = (score: number, accountId = 'a1', ownerEmail = 'o@x.test'): ScoredResponse => ({
  kind: 'csat',
  score,
  accountId,
  ownerEmail,
});

describe('NPS', () => {
  it('is null, not zero, when nobody answered', () => {
    expect(npsOf([])).toEqual({ responses: 0, promoters: 0, passives: 0, detractors: 0, score: null });
  });

  it('counts 9-10 as promoters, 7-8 as passives, 0-6 as detractors', () => {
    const r = npsOf([0, 6, 7, 8, 9, 10].map((s) => nps(s)));
    expect(r).toMatchObject({ responses: 6, promoters: 2, passives: 2, detractors: 2, score: 0 });
  });

  it('spans -100 to +100', () => {
    expect(npsOf([nps(10), nps(9)]).score).toBe(100);
    expect(npsOf([nps(0), nps(6)]).score).toBe(-100);
  });

  it('rounds half away from zero, symmetrically', () => {
    // 1 promoter of 8 = 12.5 -> 13; 1 detractor of 8 = -12.5 -> -13
    const passives = Array.from({ length: 7 }, () => nps(7));
    expect(npsOf([nps(10), ...passives]).score).toBe(13);
    expect(npsOf([nps(0), ...passives]).score).toBe(-13);
    // 2 promoters, 1 detractor of 3 = 33.33 -> 33
    expect(npsOf([nps(9), nps(10), nps(3)]).score).toBe(33);
  });

  it('ignores CSAT answers', () => {
    expect(npsOf([nps(10), csat(1)])).toMatchObject({ responses: 1, score: 100 });
  });

  it('formats with a sign', () => {
    expect(formatNps(35)).toBe('+35');
    expect(formatNps(-12)).toBe('-12');
    expect(formatNps(0)).toBe('0');
    expect(formatNps(null)).toBe('n/a');
  });
});

describe('CSAT', () => {
  it('is null when nobody answered', () => {
    expect(csatOf([nps(9)])).toEqual({ responses: 0, average: null, satisfiedPct: null });
  });

  it('averages to two decimals and counts 4-5 as satisfied', () => {
    expect(csatOf([csat(5), csat(4), csat(2)])).toEqual({ responses: 3, average: 3.67, satisfiedPct: 67 });
    expect(csatOf([csat(1)])).toEqual({ responses: 1, average: 1, satisfiedPct: 0 });
  });
});

describe('summaries per account and per owner', () => {
  it('groups by account id and by lower-cased owner email', () => {
    const rs = [nps(10, 'a1', 'Ann@x.test'), nps(0, 'a2', 'ann@x.test'), csat(5, 'a2', 'bob@x.test')];
    const byAccount = summarizeByAccount(rs);
    expect(byAccount.get('a1')?.nps.score).toBe(100);
    expect(byAccount.get('a2')?.nps.score).toBe(-100);
    expect(byAccount.get('a2')?.csat.average).toBe(5);
    const byOwner = summarizeByOwner(rs);
    expect(byOwner.get('ann@x.test')?.nps).toMatchObject({ responses: 2, score: 0 });
    expect(byOwner.get('bob@x.test')?.nps.score).toBeNull();
  });
});
