import type { Command } from 'commander';
import { type AddressState, AddressStore } from '../../adapters/dynamodb/address.entity.ts';
import { localizeDates } from '../../core/health/health-score.ts';
import { describeCadence } from '../../core/tiering.ts';
import { touchKindWords } from '../../core/wording.ts';
import { dueCell, printJson, relativeDate, table, writeOut } from '../format.ts';
import { latestScoreCell, liveHealth } from '../health-view.ts';
import type { CommandKit } from '../program.ts';

/** Whether the tool may still write to an address, and why not: "opted out 2026-11-20". */
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
            const address = reach.get(c.email.toLowerCase());
            const { optedOutAt, surveyOptedOutAt, suppressedAt, suppressedReason } = address ?? {};
            return {
              ...c,
              mail: mailOf(address),
              optedOutAt,
              surveyOptedOutAt,
              suppressedAt,
              suppressedReason,
            };
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
          `  Next due:     ${a.pause ? 'not while outreach is paused' : dueCell(a.nextDueAt, at)}`,
          `  Outreach:     ${a.pause ? `paused since ${a.pause.since.slice(0, 10)} (${a.pause.source}): ${a.pause.reason}; \`resume ${a.accountId}\` ends it` : 'on'}`,
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

type Mail = 'all' | 'check-ins only' | 'nothing: opted out' | 'nothing: bounced or complained';

/** What the tool may send a contact, from its address state. */
function mailOf(address: AddressState | undefined): Mail {
  if (address?.suppressedAt) return 'nothing: bounced or complained';
  if (address?.optedOutAt) return 'nothing: opted out';
  if (address?.surveyOptedOutAt) return 'check-ins only';
  return 'all';
}

/** The contact list's Mail cell: what the contact still gets, and since when it changed. */
function mailStatus(address: AddressState | undefined): string {
  const day = (iso: string | undefined) => iso?.slice(0, 10) ?? '';
  switch (mailOf(address)) {
    case 'nothing: bounced or complained': {
      const reason = address?.suppressedReason;
      const why = reason === 'complaint' ? 'complained' : reason === 'bounce' ? 'bounced' : 'suppressed';
      return `nothing: ${why} ${day(address?.suppressedAt)}, suppressed`;
    }
    case 'nothing: opted out':
      return `nothing: opted out ${day(address?.optedOutAt)}`;
    case 'check-ins only':
      return 'check-ins only (opted out of surveys)';
    default:
      return 'check-ins and surveys';
  }
}
