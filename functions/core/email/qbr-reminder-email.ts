import type { Account } from '../account.ts';
import { shortDate } from '../digest/calendar.ts';
import { html } from '../html.ts';
import { ownerPersonName } from '../wording.ts';
import { button, code, emailShell, paragraph, type RenderedEmail, wrapText } from './layout.ts';
import { firstWord } from './phrasing.ts';

export interface QbrReminderInput {
  account: Account;
  on: string;
  customerSince: string;
  /**
   * The one-click "Mark review held" action link (GET confirms, POST logs the review as a contact).
   * Without one (a preview), the email shows the equivalent CLI command instead.
   */
  reviewHeldUrl?: string | undefined;
}

/** A plain reminder to the owner that a quarterly business review is due, with a one-click "held". */
export function renderQbrReminder(input: QbrReminderInput): RenderedEmail {
  const { account } = input;
  const greeting = firstWord(ownerPersonName(account));
  const lines = [
    `${account.name} reaches another quarter as a customer on ${shortDate(input.on)} (customer since ${shortDate(input.customerSince)} ${input.customerSince.slice(0, 4)}): a good moment for a quarterly business review.`,
    input.reviewHeldUrl
      ? 'Book a short call to look back at the quarter and ahead at the next one. When it has happened, mark it held, so the account clock resets:'
      : 'Book a short call to look back at the quarter and ahead at the next one. Log it when it has happened, so the account clock resets:',
  ];
  const hint = `npx account-health log-contact ${account.accountId} --note "Quarterly review"`;
  const action = input.reviewHeldUrl
    ? html`<p style="margin:0 0 16px 0;">${button(input.reviewHeldUrl, 'Mark review held')}</p>`
    : paragraph(code(hint));
  const hello = greeting ? `Hi ${greeting},` : 'Hi,';
  return {
    subject: `Quarterly review due: ${account.name}`,
    html: emailShell({
      preheader: lines[0] ?? '',
      body: html`${paragraph(hello)}${lines.map((l) => paragraph(l))}${action}`,
    }),
    text: wrapText(
      [hello, ...lines, input.reviewHeldUrl ? `Mark review held: ${input.reviewHeldUrl}` : hint].join('\n\n'),
    ),
  };
}
