import type { Account } from '../account.ts';
import { shortDate } from '../health/health-score.ts';
import type { NegativeSignal } from '../health/ports.ts';
import { html, type RawHtml } from '../html.ts';
import { emailShell, paragraph, type RenderedEmail, wrapText } from './layout.ts';

/**
 * Emails to owners and managers about accounts at risk. Internal mail: no unsubscribe, no fatigue
 * budget. The customer's words are quoted as text: every value goes through the escaping `html`.
 */

const button = (href: string, label: string) =>
  html`<a href="${href}" style="display:inline-block;padding:10px 18px;margin:0 8px 8px 0;border-radius:6px;background:#0a58ca;color:#ffffff;text-decoration:none;font-weight:600;">${label}</a>`;
const secondary = (href: string, label: string) =>
  html`<a href="${href}" style="display:inline-block;padding:10px 18px;margin:0 8px 8px 0;border-radius:6px;border:1px solid #0a58ca;color:#0a58ca;text-decoration:none;font-weight:600;">${label}</a>`;
const quote = (text: string) =>
  html`<blockquote style="margin:0 0 16px 0;padding:8px 14px;border-left:4px solid #a3201a;background:#fdf1f0;color:#1f2328;white-space:pre-wrap;">${text}</blockquote>`;

/** "detractor: NPS 3/10 on 12 Nov" / "complaint on 12 Nov (via crm)". */
export function describeSignal(
  s: Pick<NegativeSignal, 'kind' | 'score' | 'surveyKind' | 'at' | 'source'>,
): string {
  if (s.kind === 'detractor') {
    const scale =
      s.surveyKind === 'csat'
        ? `CSAT ${s.score}/5`
        : s.surveyKind === 'nps'
          ? `NPS ${s.score}/10`
          : `score ${s.score ?? '?'}`;
    return `detractor: ${scale} on ${shortDate(s.at)}`;
  }
  return `complaint on ${shortDate(s.at)}`;
}

const firstName = (name: string | undefined) => name?.trim().split(/\s+/)[0];

export interface RiskAlertInput {
  account: Account;
  signal: NegativeSignal;
  /** One line about the account's health: "red 25: ...". */
  health?: string | undefined;
  acknowledgeUrl: string;
  markContactedUrl: string;
}

/** The owner's alert, sent at once: what happened, the customer's words, two one-click links. */
export function renderRiskAlert(input: RiskAlertInput): RenderedEmail {
  const { account, signal } = input;
  const what = describeSignal(signal);
  const subject = `At risk: ${account.name} (${what})`;
  const greeting = firstName(account.ownerName);
  const lead = `${account.name} needs you: ${what}.`;
  const body: RawHtml[] = [paragraph(greeting ? `Hi ${greeting},` : 'Hi,'), paragraph(lead)];
  if (signal.comment) body.push(paragraph('In their words:'), quote(signal.comment));
  if (input.health) body.push(paragraph(html`Health: <strong>${input.health}</strong>`));
  body.push(
    paragraph('Please get in touch soon. Let the tool know you are on it, or that you have been in touch:'),
    html`<p style="margin:0 0 16px 0;">${button(input.acknowledgeUrl, 'I’m on it')}${secondary(input.markContactedUrl, 'Mark contacted')}</p>`,
    paragraph(`If nobody acknowledges this alert, it goes to your manager.`),
  );
  const text = [
    greeting ? `Hi ${greeting},` : 'Hi,',
    lead,
    ...(signal.comment
      ? [
          'In their words:',
          signal.comment
            .split('\n')
            .map((l) => `> ${l}`)
            .join('\n'),
        ]
      : []),
    ...(input.health ? [`Health: ${input.health}`] : []),
    `I'm on it: ${input.acknowledgeUrl}`,
    `Mark contacted: ${input.markContactedUrl}`,
    'If nobody acknowledges this alert, it goes to your manager.',
  ];
  return {
    subject,
    html: emailShell({ preheader: lead, body: html`${body}` }),
    text: wrapText(text.join('\n\n')),
  };
}

export interface EscalationInput {
  account: Account;
  signal: NegativeSignal;
  alertedAt: string;
  acknowledgeUrl: string;
  hoursWaited: number;
}

/** The manager's copy of an alert nobody acknowledged. */
export function renderEscalation(input: EscalationInput): RenderedEmail {
  const { account, signal } = input;
  const what = describeSignal(signal);
  const owner = account.ownerName ?? account.ownerEmail;
  const subject = `Escalated: ${account.name} at risk, not yet acknowledged`;
  const lead = `${account.name} (owner ${owner}) has been at risk since ${shortDate(input.alertedAt)}: ${what}. The alert has not been acknowledged for ${input.hoursWaited} hours.`;
  const body: RawHtml[] = [paragraph('Hi,'), paragraph(lead)];
  if (signal.comment) body.push(paragraph('In the customer’s words:'), quote(signal.comment));
  body.push(
    paragraph('Please make sure someone gets in touch, and acknowledge it here:'),
    html`<p style="margin:0 0 16px 0;">${button(input.acknowledgeUrl, 'Someone is on it')}</p>`,
  );
  const text = [
    'Hi,',
    lead,
    ...(signal.comment
      ? [
          'In the customer’s words:',
          signal.comment
            .split('\n')
            .map((l) => `> ${l}`)
            .join('\n'),
        ]
      : []),
    `Someone is on it: ${input.acknowledgeUrl}`,
  ];
  return {
    subject,
    html: emailShell({ preheader: lead, body: html`${body}` }),
    text: wrapText(text.join('\n\n')),
  };
}

export interface CohortAlertInput {
  ownerName?: string | undefined;
  /** "3 negative signals on product Ledger in 14 days". */
  evidence: string;
  signals: string[];
  accounts: Array<{ account: Account; acknowledgeUrl: string }>;
}

/** One email per owner for a cohort signal, listing the owner's affected accounts. */
export function renderCohortAlert(input: CohortAlertInput): RenderedEmail {
  const n = input.accounts.length;
  const subject = `Cohort risk: ${n} of your key account${n === 1 ? '' : 's'} (${input.evidence})`;
  const greeting = firstName(input.ownerName);
  const lead = `Other customers are unhappy: ${input.evidence}. Your key account${n === 1 ? ' shares' : 's share'} it, so ${n === 1 ? 'it is' : 'they are'} at risk too, and ${n === 1 ? 'its' : 'their'} next check-in has been brought forward.`;
  const rows = input.accounts.map(
    ({ account, acknowledgeUrl }) =>
      html`<li style="margin:0 0 8px 0;"><strong>${account.name}</strong> (${account.accountId}) <a href="${acknowledgeUrl}" style="color:#0a58ca;">I’m on it</a></li>`,
  );
  const body = html`${paragraph(greeting ? `Hi ${greeting},` : 'Hi,')}${paragraph(lead)}${paragraph('The evidence:')}<ul style="margin:0 0 16px 0;">${input.signals.map((s) => html`<li>${s}</li>`)}</ul>${paragraph('Your accounts:')}<ul style="margin:0 0 16px 0;padding-left:20px;">${rows}</ul>`;
  const text = [
    greeting ? `Hi ${greeting},` : 'Hi,',
    lead,
    'The evidence:',
    input.signals.map((s) => `- ${s}`).join('\n'),
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
