import type { Account } from '../account.ts';
import { localizeDates } from '../health/health-score.ts';
import { html } from '../html.ts';
import { emailShell, paragraph, type RenderedEmail, wrapText } from './layout.ts';
import { firstWord } from './phrasing.ts';

export interface CohortAlertInput {
  ownerName?: string | undefined;
  /** "3 negative signals on product Ledger in 14 days". */
  evidence: string;
  signals: string[];
  accounts: Array<{ account: Account; acknowledgeUrl: string }>;
  /** The owner's zone: the evidence's dates are shown in it. @default 'UTC' */
  timeZone?: string | undefined;
}

/** One email per owner for a cohort signal, listing the owner's affected accounts. */
export function renderCohortAlert(input: CohortAlertInput): RenderedEmail {
  const n = input.accounts.length;
  const signals = input.signals.map((s) => localizeDates(s, input.timeZone ?? 'UTC'));
  // "1 of your key accounts", like "3 of your key accounts": the noun is the whole, always plural.
  const subject = `Cohort risk: ${n} of your key accounts (${input.evidence})`;
  const greeting = firstWord(input.ownerName);
  const lead = `Other customers are unhappy: ${input.evidence}. Your key account${n === 1 ? ' shares' : 's share'} it, so ${n === 1 ? 'it is' : 'they are'} at risk too, and ${n === 1 ? 'its' : 'their'} next check-in has been brought forward.`;
  const rows = input.accounts.map(
    ({ account, acknowledgeUrl }) =>
      html`<li style="margin:0 0 8px 0;"><strong>${account.name}</strong> (${account.accountId}) <a href="${acknowledgeUrl}" style="color:#0a58ca;">I’m on it</a></li>`,
  );
  const body = html`${paragraph(greeting ? `Hi ${greeting},` : 'Hi,')}${paragraph(lead)}${paragraph('The evidence:')}<ul style="margin:0 0 16px 0;padding-left:20px;">${signals.map((s) => html`<li>${s}</li>`)}</ul>${paragraph('Your accounts:')}<ul style="margin:0 0 16px 0;padding-left:20px;">${rows}</ul>`;
  const text = [
    greeting ? `Hi ${greeting},` : 'Hi,',
    lead,
    'The evidence:',
    signals.map((s) => `- ${s}`).join('\n'),
    'Your accounts:',
    input.accounts
      .map(
        ({ account, acknowledgeUrl }) =>
          `- ${account.name} (${account.accountId}): I'm on it: ${acknowledgeUrl}`,
      )
      .join('\n'),
  ];
  return { subject, html: emailShell({ preheader: lead, body }), text: wrapText(text.join('\n\n')) };
}
