import type { Account } from '../account.ts';
import { localizeDates, shortDate } from '../health/health-score.ts';
import type { NegativeSignal } from '../health/ports.ts';
import { html, type RawHtml } from '../html.ts';
import { plural } from '../wording.ts';
import { button, emailShell, paragraph, quote, quoteText, type RenderedEmail, wrapText } from './layout.ts';
import { describeSignal } from './risk-alert-email.ts';

export interface EscalationInput {
  account: Account;
  signal: NegativeSignal;
  alertedAt: string;
  acknowledgeUrl: string;
  hoursWaited: number;
  /** The zone the dates are shown in (the account's). @default 'UTC' */
  timeZone?: string | undefined;
}

/** The manager's copy of an alert nobody acknowledged. */
export function renderEscalation(input: EscalationInput): RenderedEmail {
  const { account, signal } = input;
  const zone = input.timeZone ?? 'UTC';
  const what = localizeDates(describeSignal(signal), zone);
  const owner = account.ownerName ?? account.ownerEmail;
  const subject = `Escalated: ${account.name} at risk, not yet acknowledged`;
  const lead = `${account.name} (owner ${owner}) has been at risk since ${shortDate(input.alertedAt, zone)}: ${what}. The alert has not been acknowledged for ${plural(input.hoursWaited, 'hour')}.`;
  const body: RawHtml[] = [paragraph('Hi,'), paragraph(lead)];
  if (signal.comment) body.push(paragraph('In the customer’s words:'), quote(signal.comment));
  body.push(
    paragraph('Please make sure someone gets in touch, and acknowledge it here:'),
    html`<p style="margin:0 0 16px 0;">${button(input.acknowledgeUrl, 'Someone is on it')}</p>`,
  );
  const text = [
    'Hi,',
    lead,
    ...(signal.comment ? ['In the customer’s words:', quoteText(signal.comment)] : []),
    `Someone is on it: ${input.acknowledgeUrl}`,
  ];
  return {
    subject,
    html: emailShell({ preheader: lead, body: html`${body}` }),
    text: wrapText(text.join('\n\n')),
  };
}
