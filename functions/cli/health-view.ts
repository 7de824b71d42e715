import { HealthStore } from '../adapters/dynamodb/health-store.ts';
import type { Account, HealthSnapshot } from '../core/account.ts';
import { computeHealth } from '../core/health/health-score.ts';
import type { CliContext } from './context.ts';

/** Health as of now for the CLI: recomputed from what is on record (one Query per account). */
export async function liveHealth(
  ctx: CliContext,
  accounts: Account[],
  at: Date,
): Promise<Map<string, HealthSnapshot>> {
  const records = new HealthStore(ctx.db, ctx.runtime.tableName, ctx.settings);
  const out = new Map<string, HealthSnapshot>();
  for (let i = 0; i < accounts.length; i += 16) {
    await Promise.all(
      accounts.slice(i, i + 16).map(async (a) => {
        out.set(a.accountId, computeHealth(await records.loadHealthInput(a, at), ctx.settings, at));
      }),
    );
  }
  return out;
}

/** At-risk accounts, from the at-risk listing (no Scan). */
export async function listAtRiskAccounts(ctx: CliContext): Promise<Account[]> {
  const records = new HealthStore(ctx.db, ctx.runtime.tableName, ctx.settings);
  const refs = await records.listAtRisk();
  const accounts = await Promise.all(refs.map((r) => ctx.store.getAccount(r.accountId, false)));
  return accounts.filter((a): a is Account => !!a?.risk).sort((a, b) => a.name.localeCompare(b.name));
}

/** "9/10 NPS" / "-". */
export function latestScoreCell(h: HealthSnapshot | undefined): string {
  const s = h?.latestSurvey;
  return s ? `${s.score}/${s.kind === 'nps' ? 10 : 5} ${s.kind.toUpperCase()}` : '-';
}
