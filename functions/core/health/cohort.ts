import { createHash } from 'node:crypto';
import type { Account } from '../account.ts';
import { ownerTimeZone } from '../digest/schedule.ts';
import { renderCohortAlert } from '../email/cohort-alert-email.ts';
import { ACCOUNT_AT_RISK } from '../events/account-health.ts';
import type { SendKey } from '../ports.ts';
import { SendInFlightError, sendClaimed } from '../send/send-claimed.ts';
import { computeHealth, reasonDate } from './health-score.ts';
import type { CohortDimension, CohortEntry, HealthDeps } from './ports.ts';

const DAY = 86_400_000;

/** The (dimension, value) pairs an account belongs to, for the configured cohort dimensions. */
export function cohortValues(
  account: Pick<Account, 'products' | 'segment'>,
  dimensions: ReadonlyArray<'product' | 'segment'>,
): Array<['product' | 'segment', string]> {
  const out: Array<['product' | 'segment', string]> = [];
  if (dimensions.includes('product'))
    for (const p of [...new Set((account.products ?? []).filter((p) => p.trim()))]) out.push(['product', p]);
  if (dimensions.includes('segment') && account.segment?.trim()) out.push(['segment', account.segment]);
  return out;
}

/** The stable start of a cohort's entry in `risk.cohort`, so a growing count replaces, not duplicates. */
const cohortTag = (dimension: CohortDimension, value: string) => `${dimension} ${value}:`;

/**
 * After a signal on `account`: for each product and segment it belongs to, when at least
 * `cohort.minSignals` negative signals hit distinct accounts within `cohort.windowDays`, flags every
 * other key account sharing it (at risk, next check-in brought forward) and alerts each affected
 * owner once per cohort episode with the evidence and their accounts. Returns the flagged accounts.
 */
export async function checkCohorts(deps: HealthDeps, account: Account, now: Date): Promise<string[]> {
  const { settings } = deps;
  const flagged: string[] = [];
  const from = new Date(now.getTime() - settings.cohort.windowDays * DAY);
  for (const [dimension, value] of cohortValues(account, settings.cohort.dimensions)) {
    const entries = await deps.records.listCohortSignals(dimension, value, from, now);
    const signalled = new Set(entries.map((e) => e.accountId));
    if (signalled.size < settings.cohort.minSignals) continue;
    const episode = await deps.records.currentEpisode(dimension, value, now);
    flagged.push(...(await flagCohort(deps, dimension, value, entries, signalled, episode.openedAt, now)));
  }
  return [...new Set(flagged)];
}

async function flagCohort(
  deps: HealthDeps,
  dimension: CohortDimension,
  value: string,
  entries: CohortEntry[],
  signalled: Set<string>,
  episodeOpenedAt: string,
  now: Date,
): Promise<string[]> {
  const { settings } = deps;
  const days = settings.cohort.windowDays;
  const evidence = `${signalled.size} negative signals on ${dimension} ${value} in ${days} days`;
  const tag = cohortTag(dimension, value);
  const cohortText = `${tag} ${signalled.size} negative signals in ${days} days`;
  const until = new Date(Date.parse(episodeOpenedAt) + days * DAY).toISOString();
  const members = (await deps.records.listKeyMembers(dimension, value)).filter(
    (m) => !signalled.has(m.accountId),
  );

  const affected: Account[] = [];
  const newlyFlagged: string[] = [];
  for (const member of members) {
    const current = await deps.accounts.getAccount(member.accountId);
    if (current?.tier !== 'key') continue;
    const already = current.risk?.cohort?.includes(cohortText) && (current.risk.until ?? '') >= until;
    if (already) {
      affected.push(current);
      continue;
    }
    const input = await deps.records.loadHealthInput(current, now);
    let previousUntil: string | undefined;
    let fresh = false;
    const updated = await deps.accounts.updateAccount(
      member.accountId,
      (a) => {
        previousUntil = a.risk?.until;
        fresh = !a.risk?.cohort?.some((c) => c.startsWith(tag));
        const risk = {
          since: a.risk?.since ?? now.toISOString(),
          reasons: [
            ...new Set([
              `cohort: ${evidence}`,
              ...(a.risk?.reasons ?? []).filter(
                (r) => !r.startsWith(`cohort: `) || !r.includes(` ${dimension} ${value} `),
              ),
            ]),
          ].slice(0, 8),
          acknowledgedAt: a.risk?.acknowledgedAt,
          until: a.risk?.until && a.risk.until > until ? a.risk.until : until,
          cohort: [cohortText, ...(a.risk?.cohort ?? []).filter((c) => !c.startsWith(tag))],
        };
        return {
          risk,
          ...(fresh ? { expediteAt: now.toISOString() } : {}),
          health: computeHealth({ ...input, account: { ...a, risk } }, settings, now),
        };
      },
      now,
    );
    await deps.records.setAtRisk(member.accountId, updated.risk?.until ?? until, previousUntil);
    affected.push(updated);
    if (fresh) newlyFlagged.push(member.accountId);
  }
  if (newlyFlagged.length) {
    try {
      await deps.events.publish(
        newlyFlagged.map((accountId) => ({
          detailType: ACCOUNT_AT_RISK,
          detail: {
            accountId,
            kind: 'cohort',
            dimension,
            value,
            signals: signalled.size,
            windowDays: days,
            until,
          },
          time: now,
        })),
      );
    } catch (error) {
      deps.onError?.('publish-event', undefined, error);
    }
  }

  // One alert per owner per cohort episode, however many signals arrive during it.
  const byOwner = new Map<string, Account[]>();
  for (const a of affected)
    byOwner.set(a.ownerEmail.toLowerCase(), [...(byOwner.get(a.ownerEmail.toLowerCase()) ?? []), a]);
  const evidenceLines = [...entries]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((e) => `${e.kind} on ${reasonDate(e.at)} (account ${e.accountId})`);
  for (const [owner, accounts] of byOwner) {
    try {
      await alertCohortOwner(deps, {
        dimension,
        value,
        episodeOpenedAt,
        owner,
        accounts,
        evidence,
        evidenceLines,
        now,
      });
    } catch (error) {
      deps.onError?.('cohort-alert', accounts[0]?.accountId, error);
      throw error;
    }
  }
  return newlyFlagged;
}

async function alertCohortOwner(
  deps: HealthDeps,
  c: {
    dimension: CohortDimension;
    value: string;
    episodeOpenedAt: string;
    owner: string;
    accounts: Account[];
    evidence: string;
    evidenceLines: string[];
    now: Date;
  },
) {
  const ownerKey = createHash('sha256').update(c.owner).digest('base64url').slice(0, 16);
  const key: SendKey = {
    accountId: `cohort~${c.dimension}~${c.value.trim().toLowerCase()}`,
    kind: 'owner-alert',
    cycle: `${c.episodeOpenedAt}~${ownerKey}`,
  };
  const accounts = [...c.accounts].sort((a, b) => a.name.localeCompare(b.name));
  const first = accounts[0] as Account;
  const sent = await sendClaimed(deps, {
    email: 'cohort-alert',
    key,
    now: c.now,
    recipient: first.ownerEmail,
    compose: async () => {
      const expiresAt = new Date(c.now.getTime() + deps.settings.risk.actionLinkDays * DAY);
      const withLinks = await Promise.all(
        accounts.map(async (account) => ({
          account,
          acknowledgeUrl: await deps.links.issue({
            action: 'acknowledge',
            accountId: account.accountId,
            ownerEmail: c.owner,
            expiresAt,
            origin: 'cohort-alert',
          }),
        })),
      );
      const email = renderCohortAlert({
        ownerName: first.ownerName,
        evidence: c.evidence,
        signals: c.evidenceLines,
        accounts: withLinks,
        timeZone: ownerTimeZone(c.accounts, deps.settings),
      });
      return {
        ...email,
        to: first.ownerEmail,
        tags: { account: first.accountId, kind: 'owner-alert', tier: first.tier },
      };
    },
    touch: {
      accountId: first.accountId,
      at: c.now.toISOString(),
      kind: 'owner-alert',
      note: `Owner alerted to cohort risk (${c.evidence}) for ${accounts.length} account(s)`,
      source: 'health',
    },
  });
  if (sent.outcome === 'failed') throw sent.error;
  if (sent.outcome === 'in-flight') throw new SendInFlightError(key, sent.leaseExpiresAt);
}
