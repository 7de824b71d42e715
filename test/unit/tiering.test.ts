import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import { decideTier } from '../../functions/core/tiering.ts';

const { tiering } = parseSettings({});

describe('decideTier', () => {
  it('lets a manual override win over every rule', () => {
    const d = decideTier({ annualRevenue: 10, strategic: true, tierOverride: 'growth' }, tiering);
    expect(d).toEqual({ tier: 'growth', reason: 'growth: manual override' });
  });

  it('makes a strategic account key whatever its revenue', () => {
    expect(decideTier({ strategic: true }, tiering)).toEqual({
      tier: 'key',
      reason: 'key: strategic account',
    });
  });

  it('names the revenue threshold that made an account key', () => {
    const d = decideTier({ annualRevenue: 1_200_000 }, tiering);
    expect(d.tier).toBe('key');
    expect(d.reason).toBe('key: annual revenue 1,200,000 ≥ 250,000');
  });

  it('needs every condition of a combined rule to hold', () => {
    expect(decideTier({ annualRevenue: 120_000, marginPct: 45 }, tiering).reason).toBe(
      'key: annual revenue 120,000 ≥ 100,000 and margin 45% ≥ 40%',
    );
    expect(decideTier({ annualRevenue: 120_000, marginPct: 39.5 }, tiering).tier).toBe('growth');
  });

  it('treats a missing fact as not matching and says what was unknown', () => {
    const d = decideTier({ employees: 10 }, tiering);
    expect(d).toEqual({
      tier: 'standard',
      reason: 'standard: no tiering rule matched (annual revenue, margin unknown)',
    });
  });

  it('matches exactly at a threshold', () => {
    expect(decideTier({ annualRevenue: 250_000 }, tiering).tier).toBe('key');
    expect(decideTier({ annualRevenue: 249_999.99 }, tiering).tier).toBe('growth');
  });

  it('uses the rules and default tier from the configuration', () => {
    const custom = parseSettings({
      tiering: { rules: [{ tier: 'growth', minEmployees: 5 }], defaultTier: 'growth' },
    }).tiering;
    expect(decideTier({ employees: 5 }, custom).reason).toBe('growth: 5 employees ≥ 5');
    expect(decideTier({ annualRevenue: 9e9 }, custom).tier).toBe('growth');
  });

  it('rejects a rule without conditions in the configuration', () => {
    expect(() => parseSettings({ tiering: { rules: [{ tier: 'key' }] } })).toThrow(/at least one condition/);
  });
});
