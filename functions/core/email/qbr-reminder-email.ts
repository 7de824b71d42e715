import type { Account } from '../account.ts';
import { shortDate } from '../digest/calendar.ts';
import { html } from '../html.ts';
import { code, emailShell, paragraph, type RenderedEmail, wrapText } from './layout.ts';

/** A plain reminder to the owner that a quarterly business review is due. */
export function renderQbrReminder(input: {
  account: Account;
  on: string;
  customerSince: string;
}): RenderedEmail {
  const { account } = input;
  const lines = [
    `${account.name} reaches another quarter as a customer on ${shortDate(input.on)} (customer since ${shortDate(input.customerSince)} ${input.customerSince.slice(0, 4)}): a good moment for a quarterly business review.`,
    'Book a short call to look back at the quarter and ahead at the next one. Log it when it has happened, so the account clock resets.',
  ];
  const hint = `npx account-health log-contact ${account.accountId} --note "Quarterly review"`;
  return {
    subject: `Quarterly review due: ${account.name}`,
    html: emailShell({
      preheader: lines[0] ?? '',
      body: html`${lines.map((l) => paragraph(l))}${paragraph(code(hint))}`,
    }),
    text: wrapText([...lines, hint].join('\n\n')),
  };
}
