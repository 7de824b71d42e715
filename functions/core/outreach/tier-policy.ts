import type { Settings } from '../../config/settings.ts';
import type { SurveyKind, Tier } from '../domain/vocabulary.ts';

/**
 * A tier's policy, beyond its action: a check-in tier may also ask its accounts formally, with a
 * relationship survey on a cadence of its own (`outreach.<tier>.relationshipSurvey`; by default key
 * accounts get NPS every 90 days). The survey shares the contact's fatigue budget and never lands in
 * the same week as a check-in to the account.
 */

const DAY = 86_400_000;

/** A survey never goes out within this long of a check-in to the same account, and the other way round. */
export const CHECK_IN_QUIET_DAYS = 7;

export interface AccountSurveyFacts {
  tier: Tier;
  createdAt: string;
  /** The last survey the tool sent for the account (ISO instant). */
  lastSurveySentAt?: string | undefined;
}

/** The relationship survey of a check-in tier, when its policy has one. */
export function relationshipSurveyOf(
  tier: Tier,
  settings: Pick<Settings, 'outreach'>,
): { survey: SurveyKind; everyDays: number } | undefined {
  const policy = settings.outreach[tier];
  return policy.action === 'check-in' ? policy.relationshipSurvey : undefined;
}

/**
 * When the account's relationship survey is due: its cadence after the last survey sent for it, or
 * after the account was first recorded (a new account hears from its owner first). Undefined when
 * the tier has no relationship survey.
 */
export function relationshipSurveyDueAt(
  account: AccountSurveyFacts,
  settings: Pick<Settings, 'outreach'>,
): Date | undefined {
  const policy = relationshipSurveyOf(account.tier, settings);
  if (!policy) return undefined;
  const anchor = Date.parse(account.lastSurveySentAt ?? account.createdAt);
  return new Date(anchor + policy.everyDays * DAY);
}
