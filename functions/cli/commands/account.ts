import type { Command } from 'commander';
import { type AddressState, AddressStore } from '../../adapters/dynamodb/address.entity.ts';
import { localizeDates } from '../../core/health/health-score.ts';
import { describeCadence } from '../../core/tiering.ts';
import { touchKindWords } from '../../core/wording.ts';
import { dueCell, printJson, relativeDate, table, writeOut } from '../format.ts';
import { latestScoreCell, liveHealth } from '../health-view.ts';
import type { CommandKit } from '../program.ts';

/** Whether the tool may still write to an address, and why not: "opted out 2026-11-20". */
function mailStatus(state: AddressState | undefined): string {
  if (state?.optedOutAt) return `opted out ${state.optedOutAt.slice(0, 10)}`;
  if (state?.suppressedAt) {
    const why =
      state.suppressedReason === 'complaint'
        ? 'complained'
        : state.suppressedReason === 'bounce'
          ? 'bounced'
          : 'suppressed';
    return `${why} ${state.suppressedAt.slice(0, 10)}, suppressed`;
  }
  return 'ok';
}

export function registerAccount(program: Command, kit: CommandKit): void {
  program
    .command('account')
    .description('Show one account: its contacts, timeline and why it is where it is')
    .argument('<accountId>', 'the account id')
    .option('--json', 'print JSON for machines')
    .action(
      kit.action(async (accountId: string, opts: { json?: boolean }) => {
        const ctx = kit.context();
        const { store, now, settings } = ctx;
        const view = await store.getAccountView(accountId);
        const at = now();
        const [health, reach] = await Promise.all([
          liveHealth(ctx, [view.account], at).then((h) => h.get(accountId)),
          new AddressStore(ctx.db, ctx.runtime.tableName).getMany(view.contacts.map((c) => c.email)),
        ]);
        if (opts.json) {
          const contacts = view.contacts.map((c) => {
            const { optedOutAt, suppressedAt, suppressedReason } = reach.get(c.email.toLowerCase()) ?? {};
            return { ...c, optedOutAt, suppressedAt, suppressedReason };
          });
          printJson({ ...view, contacts, health });
          return 0;
        }
        const a = view.account;
        const risk = a.risk;
        const lines = [
          `${a.name} (${a.accountId})`,
          `  Owner:        ${a.ownerName ? `${a.ownerName} <${a.ownerEmail}>` : a.ownerEmail}`,
          `  Tier:         ${a.tierReason}`,
          `  Cadence:      ${describeCadence(settings.cadence[a.tier])}`,
          `  Last contact: ${relativeDate(a.lastContactAt, at)}${a.lastContactKind ? `, ${touchKindWords(a.lastContactKind)}` : ''}`,
          `  Next due:     ${dueCell(a.nextDueAt, at)}`,
          `  Products:     ${a.products.length ? a.products.join(', ') : '-'}`,
          `  Segment:      ${a.segment ?? '-'}    Time zone: ${a.timeZone ?? `${settings.defaultTimeZone} (default)`}`,
          `  Renewal:      ${a.renewalDate ?? '-'}    Customer since: ${a.customerSince ?? '-'}`,
          `  Health:       ${health ? `${health.band} ${health.score}/100` : '-'}    Latest score: ${latestScoreCell(health)}`,
          ...(health?.reasons ?? []).map((r) => `    - ${localizeDates(r, 'UTC')}`),
          `  Risk:         ${
            risk
              ? `at risk since ${risk.since.slice(0, 10)}${risk.until ? `, until ${risk.until.slice(0, 10)} unless new signals` : ''}; ${risk.acknowledgedAt ? `acknowledged ${risk.acknowledgedAt.slice(0, 16).replace('T', ' ')}` : 'not acknowledged'}`
              : 'not at risk'
          }`,
          ...(risk?.reasons ?? []).map((r) => `    - ${localizeDates(r, 'UTC')}`),
          '',
          'Contacts',
          view.contacts.length
            ? table(
                ['Email', 'Name', 'Role', 'Primary', 'Mail'],
                view.contacts.map((c) => [
                  c.email,
                  c.name ?? '',
                  c.role ?? '',
                  c.primary ? 'yes' : '',
                  mailStatus(reach.get(c.email.toLowerCase())),
                ]),
              )
            : '  (none: nobody to reach out to)',
          '',
          'Timeline',
          view.timeline.length
            ? table(
                ['When', 'What', 'Note'],
                view.timeline.map((t) => [
                  t.at.slice(0, 16).replace('T', ' '),
                  touchKindWords(t.kind),
                  localizeDates(t.note ?? '', 'UTC'),
                ]),
              )
            : '  (nothing recorded yet)',
        ];
        writeOut(`${lines.join('\n')}\n`);
        return 0;
      }),
    );
}
