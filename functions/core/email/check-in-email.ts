import type { Account, Contact, Touch } from '../account.ts';
import { html } from '../html.ts';
import { addressName, type MessageKey } from '../i18n/catalogue.ts';
import { DEFAULT_VOICE, type Voice } from '../i18n/voice.ts';
import { daysBetween } from '../time.ts';
import { ownerPersonName } from '../wording.ts';
import { emailShell, paragraph, type RenderedEmail, unsubscribeFooter, wrapText } from './layout.ts';
import { lastContactKind, pick, spanOf } from './phrasing.ts';
import { greetingOf, signatureOf } from './voice-parts.ts';

export interface CheckInInput {
  account: Account;
  contact: Contact;
  /** The newest timeline entry that counts as contact, when known. */
  lastTouch?: Touch | undefined;
  now: Date;
  /** Seeds the choice of phrasing: the same cycle renders the same words on a retry. */
  cycle: string;
  unsubscribeUrl: string;
  /** The contact's language and the company. @default English, no company */
  voice?: Voice | undefined;
}

/**
 * A check-in from the account owner. Written to read like a person: it names what the business
 * knows (the products, how long it has been and what the last contact was, an upcoming renewal)
 * and asks one open question, without headings, logos or buttons. Each catalogue words every
 * variant, so the variety holds in every language.
 */
export function renderCheckIn(input: CheckInInput): RenderedEmail {
  const { account, contact, now, cycle } = input;
  const voice = input.voice ?? DEFAULT_VOICE;
  const { t } = voice;
  const name = addressName(t, contact.name);
  const ownerFirst = ownerPersonName(account)?.split(/\s+/)[0];
  const seed = `${account.accountId}|${cycle}`;

  const since = account.lastContactAt ? daysBetween(new Date(account.lastContactAt), now) : undefined;
  // When the tool wrote after the last contact, "since we were last in touch" would overstate the
  // silence (a check-in a week after the previous one is not "two months" later): say when I wrote.
  const wrote =
    account.lastOutreachAt && (!account.lastContactAt || account.lastOutreachAt > account.lastContactAt)
      ? daysBetween(new Date(account.lastOutreachAt), now)
      : undefined;
  const what = lastContactKind(account, input.lastTouch);
  const sinceLine: [MessageKey, Record<string, string>] =
    wrote !== undefined
      ? ['checkIn.sinceWrote', { span: spanOf(wrote) }]
      : since === undefined
        ? ['checkIn.sinceNever', {}]
        : [
            what === 'answered'
              ? 'checkIn.sinceAnswered'
              : what === 'spoke'
                ? 'checkIn.sinceSpoke'
                : 'checkIn.sinceInTouch',
            { span: spanOf(since) },
          ];

  const accountValues = { account: account.name, products: account.products, count: account.products.length };
  const about: [MessageKey, Record<string, unknown>] =
    account.products.length > 0
      ? pick(
          [
            ['checkIn.about1', accountValues],
            ['checkIn.about2', accountValues],
            ['checkIn.about3', accountValues],
          ] as const,
          seed,
        )
      : ['checkIn.aboutAccount', accountValues];

  const renewalDays = account.renewalDate
    ? daysBetween(now, new Date(`${account.renewalDate}T00:00:00Z`))
    : undefined;
  const renewal: [MessageKey, Record<string, unknown>] | undefined =
    renewalDays !== undefined && renewalDays >= 0 && renewalDays <= 90
      ? ['checkIn.renewal', { renewal: new Date(`${account.renewalDate}T00:00:00Z`) }]
      : undefined;

  const ask = pick(['checkIn.ask1', 'checkIn.ask2', 'checkIn.ask3'] as const, `${seed}|ask`);

  const subject = pick(
    [
      name ? t.line('checkIn.subject1', { name }) : t.line('checkIn.subject1Anonymous'),
      t.line('checkIn.subject2', { account: account.name }),
      name
        ? t.line('checkIn.subject3', { name })
        : ownerFirst
          ? t.line('checkIn.subject3Owner', { owner: ownerFirst })
          : t.line('checkIn.subject3Anonymous'),
    ],
    `${seed}|subject`,
  );

  const parts = [sinceLine, about, renewal, [ask, {}] as [MessageKey, Record<string, unknown>]].filter(
    (p): p is [MessageKey, Record<string, never>] => !!p,
  );
  const greeting = greetingOf(voice, name);
  const owner = signatureOf(voice, account);
  const footer = unsubscribeFooter(voice, 'footer.checkIn', account.name, input.unsubscribeUrl);
  const text = wrapText(
    [
      greeting.text,
      '',
      ...parts.flatMap(([key, values]) => [t.text(key, values), '']),
      t.text('checkIn.signOff'),
      owner.text,
      '',
      '--',
      footer.text,
    ].join('\n'),
  );
  const body = html`${paragraph(greeting.html)}${parts.map(([key, values]) => paragraph(t.html(key, values)))}${paragraph(html`${t.html('checkIn.signOff')}<br>${owner.html}`)}`;
  return {
    subject,
    html: emailShell({ preheader: t.html(...sinceLine), body, footer: footer.html, voice }),
    text,
  };
}
