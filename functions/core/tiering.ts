import type { Cadence, Settings, TierRule } from '../config/settings.ts';
import type { Tier } from './domain/vocabulary.ts';

/** The facts about an account that tiering rules may look at. */
export interface TierFacts {
  annualRevenue?: number | undefined;
  marginPct?: number | undefined;
  employees?: number | undefined;
  strategic?: boolean | undefined;
  tierOverride?: Tier | undefined;
}

export interface TierDecision {
  tier: Tier;
  /** Human-readable, shown next to the tier everywhere: "key: annual revenue 300,000 ≥ 250,000". */
  reason: string;
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Describes why the rule holds, or undefined when it does not (a missing fact never matches). */
function explainRule(rule: TierRule, f: TierFacts): string | undefined {
  const parts: string[] = [];
  if (rule.strategic) {
    if (!f.strategic) return undefined;
    parts.push('strategic account');
  }
  if (rule.minAnnualRevenue !== undefined) {
    if (f.annualRevenue === undefined || f.annualRevenue < rule.minAnnualRevenue) return undefined;
    parts.push(`annual revenue ${fmt(f.annualRevenue)} ≥ ${fmt(rule.minAnnualRevenue)}`);
  }
  if (rule.minMarginPct !== undefined) {
    if (f.marginPct === undefined || f.marginPct < rule.minMarginPct) return undefined;
    parts.push(`margin ${fmt(f.marginPct)}% ≥ ${fmt(rule.minMarginPct)}%`);
  }
  if (rule.minEmployees !== undefined) {
    if (f.employees === undefined || f.employees < rule.minEmployees) return undefined;
    parts.push(`${fmt(f.employees)} employees ≥ ${fmt(rule.minEmployees)}`);
  }
  return parts.join(' and ');
}

/** Decides an account's tier: a manual override wins, then the first matching rule, then the default. */
export function decideTier(facts: TierFacts, tiering: Settings['tiering']): TierDecision {
  if (facts.tierOverride)
    return { tier: facts.tierOverride, reason: `${facts.tierOverride}: manual override` };
  for (const rule of tiering.rules) {
    const why = explainRule(rule, facts);
    if (why) return { tier: rule.tier, reason: `${rule.tier}: ${why}` };
  }
  const unknown = [
    facts.annualRevenue === undefined ? 'annual revenue' : undefined,
    facts.marginPct === undefined ? 'margin' : undefined,
    facts.employees === undefined ? 'employees' : undefined,
  ].filter(Boolean);
  const note = unknown.length ? ` (${unknown.join(', ')} unknown)` : '';
  return { tier: tiering.defaultTier, reason: `${tiering.defaultTier}: no tiering rule matched${note}` };
}

export function describeCadence(c: Cadence): string {
  if ('days' in c) return c.days === 1 ? 'every day' : `every ${c.days} days`;
  return c.months === 1 ? 'every month' : `every ${c.months} months`;
}
