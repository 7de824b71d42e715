import type { Account, Contact } from '../account.ts';
import { yearsBetween } from '../digest/calendar.ts';
import { html } from '../html.ts';
import { ownerSignature } from '../wording.ts';
import { emailShell, paragraph, type RenderedEmail, unsubscribeFooter, wrapText } from './layout.ts';
import { firstName, pick } from './phrasing.ts';

/**
 * Personal touches, written like a person: a short note from the account owner, no headings, no
 * logos, one unsubscribe link.
 */

function personal(input: {
  account: Account;
  contact: Pick<Contact, 'name'>;
  subject: string;
  lines: string[];
  unsubscribeUrl: string;
}): RenderedEmail {
  const { account } = input;
  const first = firstName(input.contact);
  const owner = ownerSignature(account);
  const greeting = first ? `Hi ${first},` : 'Hi there,';
  const footer = unsubscribeFooter(account.name, 'Rather not get these?', input.unsubscribeUrl);
  const body = html`${paragraph(greeting)}${input.lines.map((l) => paragraph(l))}${paragraph(html`Best wishes,<br>${owner}`)}`;
  const text = wrapText(
    [greeting, '', ...input.lines.flatMap((l) => [l, '']), 'Best wishes,', owner, '', '--', footer.text].join(
      '\n',
    ),
  );
  return {
    subject: input.subject,
    html: emailShell({ preheader: input.lines[0] ?? input.subject, body, footer: footer.html }),
    text,
  };
}

export function renderBirthdayGreeting(input: {
  account: Account;
  contact: Pick<Contact, 'name'>;
  on: string;
  unsubscribeUrl: string;
}): RenderedEmail {
  const first = firstName(input.contact);
  const seed = `${input.account.accountId}|${input.on}`;
  return personal({
    ...input,
    subject: first ? `Happy birthday, ${first}!` : 'Happy birthday!',
    lines: [
      pick(
        [
          'Just a quick note to wish you a very happy birthday. I hope you get to take some time for yourself today.',
          'Happy birthday! I hope the day brings you something good, and maybe a slice of cake.',
          'Wishing you a happy birthday and a great year ahead.',
        ],
        seed,
      ),
      `Thank you for everything you do with us at ${input.account.name}; it's a pleasure working with you.`,
    ],
  });
}

export function renderAnniversaryGreeting(input: {
  account: Account;
  contact: Pick<Contact, 'name'>;
  on: string;
  customerSince: string;
  unsubscribeUrl: string;
}): RenderedEmail {
  const years = yearsBetween(input.customerSince, input.on);
  const span = years === 1 ? 'one year' : `${years} years`;
  return personal({
    ...input,
    subject: `${span} together: thank you, ${input.account.name}`,
    lines: [
      `Today it's ${span} since ${input.account.name} became a customer, and I wanted to say thank you.`,
      "Your feedback has shaped a lot of what we do. If there's anything we could do better in the year ahead, just reply: it comes straight to me.",
    ],
  });
}
