import type { Tier } from '../../core/domain/vocabulary.ts';
import type { CohortDimension, CohortEntry, NegativeSignal, OpenAlert } from '../../core/health/ports.ts';
import { type ItemShape, readItem } from './item-guard.ts';
import {
  accountPk,
  cohortPk,
  cohortSk,
  memberPk,
  memberSk,
  normaliseValue,
  OPEN_ALERTS_PK,
  openAlertSk,
  signalSk,
} from './keys.ts';

/**
 * Health and risk items in the single table. Entity version 1.
 *
 * | item              | pk                              | sk                                  | TTL (`expiresAt`)        |
 * |-------------------|---------------------------------|-------------------------------------|--------------------------|
 * | negative signal   | ACCT#<accountId>                | SIGNAL#<signalId>                   | at + 1 year              |
 * | cohort signal     | COHORT#<dimension>#<value>      | <at>#<accountId>#<signalId>         | at + cohort window + 1 d |
 * | cohort episode    | COHORT#<dimension>#<value>      | EPISODE                             | none (overwritten)       |
 * | membership        | MEMBER#<dimension>#<value>      | <tier>#<accountId>                  | none (import keeps it)   |
 * | open alert        | ALERTS#OPEN                     | <escalateAt>#<accountId>#<signalId> | none (deleted when done) |
 * | at-risk account   | RISK                            | <until>#<accountId>                 | none (deleted on recovery)|
 *
 * - A signal's id is derived from where it came from (survey id, or source + external id), so a
 *   redelivered event finds its signal and alerts nobody twice.
 * - The cohort partition of a product or segment holds the signals of the last D days (TTL cleans
 *   up); "K signals on distinct accounts in D days" is one Query on a time range.
 * - Membership items name the accounts of a product or segment by tier, so "the key accounts on
 *   product X" is one Query (`begins_with(sk, 'key#')`), written by the import.
 * - ALERTS#OPEN holds alerts not yet acknowledged or escalated, by when they escalate; RISK holds
 *   at-risk accounts by when their risk runs out. The hourly job reads only what is due from each.
 *   Both are single partitions, sized by open alerts and at-risk accounts (a few thousand at most);
 *   beyond that, write-shard them like the due index.
 */
export const HEALTH_ENTITY_VERSION = 1;

type Item = Record<string, unknown>;
const KEY_ATTRIBUTES = ['pk', 'sk', 'entity', 'ev', 'expiresAt'] as const;

const SIGNAL_SHAPE: ItemShape = {
  entity: 'signal',
  storage: KEY_ATTRIBUTES,
  required: {
    signalId: 'string',
    accountId: 'string',
    kind: 'string',
    at: 'string',
    source: 'string',
    recordedAt: 'string',
  },
  optional: { score: 'number' },
};
const COHORT_SIGNAL_SHAPE: ItemShape = {
  entity: 'cohort signal',
  storage: KEY_ATTRIBUTES,
  required: { accountId: 'string', signalId: 'string', kind: 'string', at: 'string' },
};
const OPEN_ALERT_SHAPE: ItemShape = {
  entity: 'open alert',
  storage: KEY_ATTRIBUTES,
  required: { accountId: 'string', signalId: 'string', alertedAt: 'string', escalateAt: 'string' },
};

export const itemToSignal = (item: Item) => readItem<NegativeSignal>(SIGNAL_SHAPE, item);
export const itemToCohortEntry = (item: Item) => readItem<CohortEntry>(COHORT_SIGNAL_SHAPE, item);
export const itemToOpenAlert = (item: Item) => readItem<OpenAlert>(OPEN_ALERT_SHAPE, item);

const epochSeconds = (iso: string, plusDays: number) =>
  Math.floor(Date.parse(iso) / 1000) + plusDays * 86_400;

export function signalToItem(signal: NegativeSignal): Item {
  return {
    pk: accountPk(signal.accountId),
    sk: signalSk(signal.signalId),
    entity: 'signal',
    ev: HEALTH_ENTITY_VERSION,
    ...signal,
    expiresAt: epochSeconds(signal.at, 366),
  };
}

export function cohortSignalToItem(
  dimension: CohortDimension,
  value: string,
  signal: Pick<NegativeSignal, 'accountId' | 'signalId' | 'kind' | 'at'>,
  windowDays: number,
): Item {
  return {
    pk: cohortPk(dimension, value),
    sk: cohortSk(signal.at, signal.accountId, signal.signalId),
    entity: 'cohort-signal',
    ev: HEALTH_ENTITY_VERSION,
    accountId: signal.accountId,
    signalId: signal.signalId,
    kind: signal.kind,
    at: signal.at,
    expiresAt: epochSeconds(signal.at, windowDays + 1),
  };
}

export function memberToItem(dimension: CohortDimension, value: string, tier: Tier, accountId: string): Item {
  return {
    pk: memberPk(dimension, value),
    sk: memberSk(tier, accountId),
    entity: 'member',
    ev: HEALTH_ENTITY_VERSION,
    dimension,
    value,
    tier,
    accountId,
  };
}

/**
 * The membership keys of an account: one per product and one for its segment. Only key accounts
 * have any: cohort risk reads the key members of a product or segment and nothing else, so items
 * for the other tiers would only cost writes (an account leaving `key` has its items deleted).
 */
export function membershipKeys(account: {
  accountId: string;
  tier: Tier;
  products?: string[] | undefined;
  segment?: string | undefined;
}): Array<{ pk: string; sk: string; dimension: CohortDimension; value: string }> {
  if (account.tier !== 'key') return [];
  const values: Array<[CohortDimension, string]> = [
    ...(account.products ?? []).map((p): [CohortDimension, string] => ['product', p]),
    ...(account.segment ? [['segment', account.segment] as [CohortDimension, string]] : []),
  ];
  const seen = new Map<string, { pk: string; sk: string; dimension: CohortDimension; value: string }>();
  for (const [dimension, value] of values) {
    if (!normaliseValue(value)) continue;
    const pk = memberPk(dimension, value);
    seen.set(pk, { pk, sk: memberSk(account.tier, account.accountId), dimension, value });
  }
  return [...seen.values()];
}

export function openAlertToItem(alert: OpenAlert): Item {
  return {
    pk: OPEN_ALERTS_PK,
    sk: openAlertSk(alert),
    entity: 'open-alert',
    ev: HEALTH_ENTITY_VERSION,
    ...alert,
  };
}
