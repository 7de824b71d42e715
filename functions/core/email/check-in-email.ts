import type { Account, Contact, Touch } from '../account.ts';
import { html } from '../html.ts';
import { daysBetween } from '../time.ts';
import { endSentence, ownerPersonName, ownerSignature } from '../wording.ts';
import { emailShell, paragraph, type RenderedEmail, unsubscribeFooter, wrapText } from './layout.ts';
import { dayAndMonth, firstName, lastContactPhrase, naturalList, pick, roughDuration } from './phrasing.ts';

export interface CheckInInput {
  account: Account;
  contact: Contact;
  /** The newest timeline entry that counts as contact, when known. */
  lastTouch?: Touch | undefined;
  now: Date;
  /** Seeds the choice of phrasing: the same cycle renders the same words on a retry. */
  cycle: string;
  unsubscribeUrl: string;
}

/**
 * A check-in from the account owner. Written to read like a person: it names what the business
 * knows (the products, how long it has been and what the last contact was, an upcoming renewal)
 * and asks one open question, without headings, logos or buttons.
 */
export function renderCheckIn(input: CheckInInput): RenderedEmail {
  const { account, contact, now, cycle } = input;
  const first = firstName(contact);
  const owner = ownerSignature(account);
  const ownerFirst = ownerPersonName(account)?.split(/\s+/)[0];
  const products = naturalList(account.products);
  const isAre = account.products.length > 1 ? 'are' : 'is';
  const seed = `${account.accountId}|${cycle}`;

  const since = account.lastContactAt ? daysBetween(new Date(account.lastContactAt), now) : undefined;
  // When the tool wrote after the last contact, "since we were last in touch" would overstate the
  // silence (a check-in a week after the previous one is not "two months" later): say when I wrote.
  const wrote =
    account.lastOutreachAt && (!account.lastContactAt || account.lastOutreachAt > account.lastContactAt)
      ? daysBetween(new Date(account.lastOutreachAt), now)
      : undefined;
  const what = lastContactPhrase(account, input.lastTouch);
  const sinceLine =
    wrote !== undefined
      ? `It's been ${roughDuration(wrote)} since I last wrote, so I wanted to follow up.`
      : since === undefined
        ? "I don't think we've properly caught up yet, and I'd like to change that."
        : what
          ? `It's been ${roughDuration(since)} since ${what}, so I wanted to check in.`
          : `It's been ${roughDuration(since)} since we were last in touch, so I wanted to check in.`;

  const about = products
    ? pick(
        [
          `How are things going with ${products} at ${account.name}?`,
          `How ${isAre} ${products} working out for the team at ${account.name}?`,
          endSentence(`I'd love to hear how ${products} ${isAre} going for you at ${account.name}`),
        ],
        seed,
      )
    : `How are things going at ${account.name}?`;

  const renewalDays = account.renewalDate
    ? daysBetween(now, new Date(`${account.renewalDate}T00:00:00Z`))
    : undefined;
  const renewalLine =
    renewalDays !== undefined && renewalDays >= 0 && renewalDays <= 90
      ? `Your renewal comes up on ${dayAndMonth(account.renewalDate ?? '')}, so if there's anything you'd like to change or talk through before then, now is a good time.`
      : undefined;

  const ask = pick(
    [
      "Is there anything I can help with, or anything that isn't working as well as it should? Just reply to this email; it comes straight to me.",
      "If anything has been getting in your way, or there's something you'd like us to do better, I'd really like to know. A quick reply is all it takes.",
      'Anything on your mind, good or bad? Reply here and it comes straight to me.',
    ],
    `${seed}|ask`,
  );

  const greeting = first ? `Hi ${first},` : 'Hi there,';
  const subject = pick(
    [
      first ? `${first}, checking in` : 'Checking in',
      `Checking in on ${account.name}`,
      first
        ? `Quick check-in, ${first}`
        : ownerFirst
          ? `Quick check-in from ${ownerFirst}`
          : 'Quick check-in',
    ],
    `${seed}|subject`,
  );

  const paragraphs = [sinceLine, about, renewalLine, ask].filter((p): p is string => !!p);
  const footer = unsubscribeFooter(account.name, "Don't want these check-ins?", input.unsubscribeUrl);
  const text = wrapText(
    [greeting, '', ...paragraphs.flatMap((p) => [p, '']), 'Best,', owner, '', '--', footer.text].join('\n'),
  );
  const body = html`${paragraph(greeting)}${paragraphs.map((p) => paragraph(p))}${paragraph(html`Best,<br>${owner}`)}`;
  return { subject, html: emailShell({ preheader: sinceLine, body, footer: footer.html }), text };
}
