import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../functions/config/settings.ts';
import { deriveAccount } from '../../../functions/core/account.ts';
import { renderCheckIn } from '../../../functions/core/email/check-in-email.ts';
import {
  renderAnniversaryGreeting,
  renderBirthdayGreeting,
} from '../../../functions/core/email/greeting-email.ts';
import { renderSurveyEmail } from '../../../functions/core/email/survey-email.ts';
import { InvalidLinkError } from '../../../functions/core/errors.ts';
import { voiceFor } from '../../../functions/core/i18n/voice.ts';
import {
  renderErrorPage,
  renderSurveyPage,
  renderThankYouPage,
  renderUnsubscribeConfirmPage,
  renderUnsubscribedPage,
} from '../../../functions/core/survey/survey-page.ts';

const NOW = new Date('2026-11-18T10:00:00Z');
const settings = parseSettings({ company: { name: 'Northwind' } });
const account = (over: Record<string, unknown> = {}) =>
  deriveAccount(
    {
      accountId: 'A-1',
      name: 'Müller Logistik GmbH',
      ownerEmail: 'jonas@vendor.example',
      ownerName: 'Jonas Weber',
      strategic: true,
      products: ['Ledger'],
      renewalDate: '2027-01-15',
      ...over,
    },
    undefined,
    settings,
    NOW,
    '2026-09-20T10:00:00Z',
  );
const contact = { accountId: 'A-1', email: 'ana@acme.example', name: 'Ana Schröder', primary: true };
const links = { unsubscribeUrl: 'http://l.test/u/T', surveyUrl: 'http://l.test/s/S' };

/** A phrase that shows each language is the one spoken (from its own catalogue, not English). */
const SIGNS: Record<string, { checkIn: RegExp; survey: RegExp; page: RegExp; greeting: RegExp }> = {
  en: {
    checkIn: /Hi Ana,/,
    survey: /How likely are you to recommend/,
    page: /how are we doing/,
    greeting: /Happy birthday/,
  },
  de: {
    checkIn: /Hallo Ana,/,
    survey: /Wie wahrscheinlich ist es/,
    page: /wie machen wir uns/,
    greeting: /Alles Gute zum Geburtstag/,
  },
  es: {
    checkIn: /Hola, Ana:/,
    survey: /Qué probabilidad hay/,
    page: /qué tal lo estamos haciendo/,
    greeting: /Feliz cumpleaños/,
  },
  fr: {
    checkIn: /Bonjour Ana,/,
    survey: /Quelle est la probabilité/,
    page: /comment trouvez-vous/,
    greeting: /Joyeux anniversaire/,
  },
  pt: {
    checkIn: /Olá, Ana,/,
    survey: /Qual a probabilidade/,
    page: /Como estamos nos saindo/,
    greeting: /Feliz aniversário/,
  },
  ja: {
    checkIn: /Ana Schröder様/,
    survey: /薦める可能性/,
    page: /サービスはいかがですか/,
    greeting: /お誕生日おめでとうございます/,
  },
};
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');

describe.each(Object.keys(SIGNS))('emails and pages in %s', (lang) => {
  const signs = SIGNS[lang] as (typeof SIGNS)[string];
  const voice = () => voiceFor(lang, settings);

  it('writes the check-in in the language, lang and dir set, names isolated', async () => {
    const e = renderCheckIn({
      account: account(),
      contact,
      now: NOW,
      cycle: 'c1',
      ...links,
      voice: await voice(),
    });
    expect(e.html).toMatch(new RegExp(`<html lang="${lang}" dir="ltr">`));
    expect(plain(e.text)).toMatch(signs.checkIn);
    expect(e.html).toContain('<bdi>Müller Logistik GmbH</bdi>');
    expect(e.text).toContain('\u2068Müller Logistik GmbH\u2069');
    // The renewal date comes from Intl in the language, not from an English month table.
    const month = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date('2027-01-15T00:00:00Z'));
    expect(e.text).toContain(month);
    expect(e.subject).not.toMatch(/[\u2068\u2069]/);
  });

  it('keeps the variety of the check-in: several subjects and openings across cycles', async () => {
    const v = await voice();
    const emails = Array.from({ length: 30 }, (_, i) =>
      renderCheckIn({ account: account(), contact, now: NOW, cycle: `c${i}`, ...links, voice: v }),
    );
    expect(new Set(emails.map((e) => e.subject)).size).toBe(3);
    expect(new Set(emails.map((e) => plain(e.text).split('\n\n')[2])).size).toBe(3);
  });

  it('asks the survey question about the single product, in the subject, the email and the page', async () => {
    const v = await voice();
    const e = renderSurveyEmail({
      account: account(),
      contact,
      kind: 'nps',
      cycle: 'c1',
      ...links,
      voice: v,
    });
    expect(e.subject).toMatch(signs.survey);
    expect(e.subject).toContain('Ledger');
    const page = renderSurveyPage({
      kind: 'nps',
      token: 'T'.repeat(24),
      contactName: 'Ana Schröder',
      product: 'Ledger',
      voice: v,
    });
    expect(page).toContain(
      `<legend>${v.t.html('survey.question.nps', { about: 'named', name: 'Ledger' }).value}</legend>`,
    );
    expect(e.html).toContain(v.t.html('survey.question.nps', { about: 'named', name: 'Ledger' }).value);
    expect(page).toMatch(new RegExp(`<html lang="${lang}" dir="ltr">`));
    expect(page).toMatch(signs.page);
    expect(page).toContain('dir="auto"');
  });

  it('writes the reminder, the CSAT survey and the greetings in the language', async () => {
    const v = await voice();
    const reminder = renderSurveyEmail({
      account: account({ products: [] }),
      contact,
      kind: 'csat',
      cycle: 'c',
      reminder: true,
      ...links,
      voice: v,
    });
    expect(plain(reminder.text).replace(/[ \n]+/g, ' ')).toContain(v.t.text('survey.openerReminder'));
    expect(reminder.subject).toBe(v.t.line('survey.question.csat', { about: 'named', name: 'Northwind' }));
    const birthday = renderBirthdayGreeting({
      account: account(),
      contact,
      on: '2026-11-18',
      unsubscribeUrl: 'http://l.test/u/T',
      voice: v,
    });
    expect(birthday.subject).toMatch(signs.greeting);
    const anniversary = renderAnniversaryGreeting({
      account: account(),
      contact,
      on: '2026-11-18',
      customerSince: '2021-11-18',
      unsubscribeUrl: 'http://l.test/u/T',
      voice: v,
    });
    expect(anniversary.subject).toContain('5');
    expect(anniversary.html).toMatch(new RegExp(`lang="${lang}"`));
  });

  it('writes the thank-you, unsubscribe and error pages in the language', async () => {
    const v = await voice();
    const pages = [
      renderThankYouPage({ kind: 'nps', score: 9, hadComment: true, revised: false, voice: v }),
      renderUnsubscribeConfirmPage({ maskedEmail: 'a***@acme.example', voice: v }),
      renderUnsubscribedPage({ maskedEmail: 'a***@acme.example', voice: v }),
      renderErrorPage(410, new InvalidLinkError('gone', 'expired'), v),
    ];
    for (const p of pages) expect(p).toMatch(new RegExp(`<html lang="${lang}" dir="ltr">`));
    expect(pages[0]).toContain(v.t.html('page.thanks.heading').value);
    expect(pages[1]).toContain('<bdi>Northwind</bdi>');
    expect(pages[3]).toContain(v.t.html('error.expired.title').value);
  });
});
