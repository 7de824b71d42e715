import type { Account, Contact } from '../account.ts';
import { yearsBetween } from '../digest/calendar.ts';
import { html } from '../html.ts';
import { addressName, type MessageKey } from '../i18n/catalogue.ts';
import type { MessageValues } from '../i18n/format.ts';
import { DEFAULT_VOICE, type Voice } from '../i18n/voice.ts';
import { emailShell, paragraph, type RenderedEmail, unsubscribeFooter, wrapText } from './layout.ts';
import { pick } from './phrasing.ts';
import { greetingOf, signatureOf } from './voice-parts.ts';

/**
 * Personal touches, written like a person: a short note from the account owner, no headings, no
 * logos, one unsubscribe link.
 */

type Line = readonly [MessageKey, MessageValues];

function personal(input: {
  account: Account;
  contact: Pick<Contact, 'name'>;
  subject: string;
  lines: Line[];
  unsubscribeUrl: string;
  voice: Voice;
}): RenderedEmail {
  const { account, voice } = input;
  const { t } = voice;
  const greeting = greetingOf(voice, addressName(t, input.contact.name));
  const owner = signatureOf(voice, account);
  const footer = unsubscribeFooter(voice, 'footer.greeting', account.name, input.unsubscribeUrl);
  const body = html`${paragraph(greeting.html)}${input.lines.map(([k, v]) => paragraph(t.html(k, v)))}${paragraph(html`${t.html('greeting.signOff')}<br>${owner.html}`)}`;
  const text = wrapText(
    [
      greeting.text,
      '',
      ...input.lines.flatMap(([k, v]) => [t.text(k, v), '']),
      t.text('greeting.signOff'),
      owner.text,
      '',
      '--',
      footer.text,
    ].join('\n'),
  );
  const first = input.lines[0];
  return {
    subject: input.subject,
    html: emailShell({
      preheader: first ? t.html(...first) : input.subject,
      body,
      footer: footer.html,
      voice,
    }),
    text,
  };
}

export function renderBirthdayGreeting(input: {
  account: Account;
  contact: Pick<Contact, 'name'>;
  on: string;
  unsubscribeUrl: string;
  voice?: Voice | undefined;
}): RenderedEmail {
  const voice = input.voice ?? DEFAULT_VOICE;
  const name = addressName(voice.t, input.contact.name);
  const seed = `${input.account.accountId}|${input.on}`;
  return personal({
    ...input,
    voice,
    subject: name ? voice.t.line('birthday.subject', { name }) : voice.t.line('birthday.subjectAnonymous'),
    lines: [
      [pick(['birthday.wish1', 'birthday.wish2', 'birthday.wish3'] as const, seed), {}],
      ['birthday.thanks', { account: input.account.name }],
    ],
  });
}

export function renderAnniversaryGreeting(input: {
  account: Account;
  contact: Pick<Contact, 'name'>;
  on: string;
  customerSince: string;
  unsubscribeUrl: string;
  voice?: Voice | undefined;
}): RenderedEmail {
  const voice = input.voice ?? DEFAULT_VOICE;
  const years = yearsBetween(input.customerSince, input.on);
  const values = { years, account: input.account.name };
  return personal({
    ...input,
    voice,
    subject: voice.t.line('anniversary.subject', values),
    lines: [
      ['anniversary.today', values],
      ['anniversary.feedback', {}],
    ],
  });
}
