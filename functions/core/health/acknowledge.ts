import type { Account, RiskState, Touch } from '../account.ts';
import type { TouchKind } from '../domain/vocabulary.ts';

/**
 * The one rule for "the owner is on it" (docs/health.md, "Escalation"). An open owner alert is
 * acknowledged by any of: "I'm on it" (acknowledge link), "Mark contacted", a contact logged with
 * `log-contact`, or a CRM `Contact Logged` after the alert. The last three are contact touches;
 * every contact touch goes through `applyTouch`, and "I'm on it" through `acknowledgeRisk`, so the
 * escalation job sees one field: `risk.acknowledgedAt`.
 */

/** Touches that are a person of the team in touch with the customer (not an email the tool sent, not an answer). */
const OWNER_CONTACT_KINDS: ReadonlySet<TouchKind> = new Set<TouchKind>(['note', 'crm']);

export function isOwnerContact(touch: Pick<Touch, 'kind'>): boolean {
  return OWNER_CONTACT_KINDS.has(touch.kind);
}

/** The risk with `at` as its acknowledgement (the later of the two when acknowledged before). */
export function acknowledgeRisk(risk: RiskState, at: string): RiskState {
  const acknowledgedAt = risk.acknowledgedAt && risk.acknowledgedAt > at ? risk.acknowledgedAt : at;
  return { ...risk, acknowledgedAt };
}

/** True when the risk was acknowledged at or after the alert went out. */
export function isAcknowledged(risk: RiskState | undefined, alertedAt: string): boolean {
  return !!risk?.acknowledgedAt && risk.acknowledgedAt >= alertedAt;
}

/**
 * What recording `touch` changes on the account: the last contact when it is the newest, and, for
 * an owner contact on an account at risk, the acknowledgement (at the time of the contact, so a
 * contact back-dated to before the alert acknowledges nothing).
 */
export function applyTouch(current: Account, touch: Touch): Partial<Account> {
  const change: Partial<Account> =
    !current.lastContactAt || Date.parse(touch.at) >= Date.parse(current.lastContactAt)
      ? { lastContactAt: touch.at, lastContactKind: touch.kind }
      : {};
  if (current.risk && isOwnerContact(touch)) change.risk = acknowledgeRisk(current.risk, touch.at);
  return change;
}
