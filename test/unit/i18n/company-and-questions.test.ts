import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseSettings } from '../../../functions/config/settings.ts';
import { deriveAccount } from '../../../functions/core/account.ts';
import { renderCheckIn } from '../../../functions/core/email/check-in-email.ts';
import { renderSurveyEmail } from '../../../functions/core/email/survey-email.ts';
import { ENGLISH } from '../../../functions/core/i18n/catalogue.ts';
import { voiceFor, withTranslator } from '../../../functions/core/i18n/voice.ts';
import { pageHeaders, renderSurveyPage } from '../../../functions/core/survey/survey-page.ts';

const NOW = new Date('2026-11-18T10:00:00Z');
const accountOf = (settings: ReturnType<typeof parseSettings>, products: string[]) =>
  deriveAccount(
    {
      accountId: 'A-1',
      name: 'Acme',
      ownerEmail: 'o@v.example',
      ownerName: 'Olivia',
      strategic: false,
      products,
    },
    undefined,
    settings,
    NOW,
    '2026-09-20T10:00:00Z',
  );
const contact = { accountId: 'A-1', email: 'ana@acme.example', name: 'Ana', primary: true };
const links = { unsubscribeUrl: 'http://l.test/u/T', surveyUrl: 'http://l.test/s/S' };

const problemOf = (raw: unknown) => {
  try {
    parseSettings(raw);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return undefined;
};

describe('company settings', () => {
  it('refuses a bad colour, a low-contrast colour, a non-https logo, a bad privacy link and a bad language, naming the key', () => {
    expect(problemOf({ company: { brandColor: 'blue' } })).toMatch(
      /company\.brandColor: expected a colour as #rrggbb/,
    );
    expect(problemOf({ company: { brandColor: '#ffdd00' } })).toMatch(
      /company\.brandColor: white text on this colour/,
    );
    expect(problemOf({ company: { logoUrl: 'http://x.example/l.png' } })).toMatch(
      /company\.logoUrl: expected an https:\/\/ URL/,
    );
    expect(problemOf({ company: { privacyPolicyUrl: 'javascript:alert(1)' } })).toMatch(
      /company\.privacyPolicyUrl/,
    );
    expect(problemOf({ company: { name: 'Acme\u202eevil' } })).toMatch(/company\.name: must be one line/);
    expect(problemOf({ defaultLanguage: 'english!' })).toMatch(/defaultLanguage: not a BCP 47 language tag/);
  });

  it('has sane defaults: no name, the default colour, English', () => {
    const s = parseSettings({});
    expect(s.company).toEqual({ brandColor: '#0a58ca' });
    expect(s.defaultLanguage).toBe('en');
    expect(parseSettings({ defaultLanguage: 'pt-br' }).defaultLanguage).toBe('pt-BR');
  });

  it('names the company, escaped, in the question, the footer address and the page', async () => {
    const settings = parseSettings({
      company: {
        name: 'Acme & <Co>',
        postalAddress: '1 Main St\nSpringfield',
        privacyPolicyUrl: 'https://acme.example/privacy',
        logoUrl: 'https://cdn.acme.example/logo.png',
      },
    });
    const voice = await voiceFor('en', settings);
    const e = renderSurveyEmail({
      account: accountOf(settings, []),
      contact,
      kind: 'nps',
      cycle: 'c',
      ...links,
      voice,
    });
    expect(e.subject).toBe('How likely are you to recommend Acme & <Co> to a friend or colleague?');
    expect(e.html).toContain('recommend <bdi>Acme &amp; &lt;Co&gt;</bdi>');
    expect(e.html).toContain('<img src="https://cdn.acme.example/logo.png" alt="Acme &amp; &lt;Co&gt;"');
    expect(e.html).toContain('href="https://acme.example/privacy"');
    expect(e.text).toContain('Acme & <Co>, 1 Main St, Springfield');
    const page = renderSurveyPage({ kind: 'nps', token: 'T'.repeat(24), voice });
    expect(page).toContain('only people at <bdi>Acme &amp; &lt;Co&gt;</bdi> see your answer');
    expect(page).toContain('<img class="logo" src="https://cdn.acme.example/logo.png"');
    expect(pageHeaders(settings.company)['content-security-policy']).toContain(
      'img-src https://cdn.acme.example',
    );
  });

  it('uses the brand colour, and the page CSP allows exactly that style block', () => {
    const company = parseSettings({ company: { brandColor: '#1d4ed8' } }).company;
    const page = renderSurveyPage({
      kind: 'csat',
      token: 'T'.repeat(24),
      voice: withTranslator(ENGLISH, parseSettings({ company: { brandColor: '#1d4ed8' } })),
    });
    const css = /<style>([^<]*)<\/style>/.exec(page)?.[1] ?? '';
    expect(css).toContain('--brand:#1d4ed8');
    const hash = createHash('sha256').update(css).digest('base64');
    expect(pageHeaders(company)['content-security-policy']).toContain(`'sha256-${hash}'`);
  });
});

describe('configured survey questions', () => {
  const raw = {
    company: { name: 'Northwind' },
    surveys: {
      questions: {
        nps: {
          question: {
            en: 'Would you recommend {product} from {company}?',
            de: 'Würden Sie {product} von {company} empfehlen?',
          },
          followUp: 'What would make it a 10?',
        },
        byTier: { key: { nps: { question: { en: 'As a key partner: would you recommend {company}?' } } } },
      },
    },
  };

  it('asks the configured question per kind and tier, with placeholders filled, the same on the page', async () => {
    const settings = parseSettings(raw);
    const en = await voiceFor('en', settings);
    const growth = { ...accountOf(settings, ['Ledger']), tier: 'growth' as const };
    const e = renderSurveyEmail({ account: growth, contact, kind: 'nps', cycle: 'c', ...links, voice: en });
    expect(e.subject).toBe('Would you recommend Ledger from Northwind?');
    const page = renderSurveyPage({
      kind: 'nps',
      token: 'T'.repeat(24),
      tier: 'growth',
      product: 'Ledger',
      voice: en,
    });
    expect(page).toContain(
      '<legend>Would you recommend <bdi>Ledger</bdi> from <bdi>Northwind</bdi>?</legend>',
    );
    expect(page).toContain('What would make it a 10?');
    const key = { ...growth, tier: 'key' as const };
    expect(
      renderSurveyEmail({ account: key, contact, kind: 'nps', cycle: 'c', ...links, voice: en }).subject,
    ).toBe('As a key partner: would you recommend Northwind?');
  });

  it('speaks each language its own wording; a plain string only in the default language', async () => {
    const settings = parseSettings(raw);
    const de = await voiceFor('de', settings);
    const ja = await voiceFor('ja', settings);
    const account = { ...accountOf(settings, ['Ledger']), tier: 'growth' as const };
    expect(
      renderSurveyEmail({ account, contact, kind: 'nps', cycle: 'c', ...links, voice: de }).subject,
    ).toBe('Würden Sie Ledger von Northwind empfehlen?');
    // No Japanese wording configured: the built-in Japanese question, never the English text.
    expect(
      renderSurveyEmail({ account, contact, kind: 'nps', cycle: 'c', ...links, voice: ja }).subject,
    ).toContain('薦める可能性');
    expect(renderSurveyPage({ kind: 'nps', token: 'T'.repeat(24), voice: de })).toContain(
      'Was ist der wichtigste Grund',
    );
  });

  it('refuses unknown placeholders, unpaired braces and {company} without a company name', () => {
    expect(problemOf({ surveys: { questions: { csat: { question: 'Hi {name}?' } } } })).toMatch(
      /surveys\.questions\.csat\.question: only the placeholders \{company\} and \{product\}/,
    );
    expect(problemOf({ surveys: { questions: { csat: { followUp: 'Why {product?' } } } })).toMatch(
      /surveys\.questions\.csat\.followUp/,
    );
    expect(problemOf({ surveys: { questions: { nps: { question: 'Recommend {company}?' } } } })).toMatch(
      /surveys\.questions\.nps\.question: uses \{company\}, but company\.name is not set/,
    );
    expect(problemOf({ surveys: { questions: { nps: { question: { 'en_US!': 'x' } } } } })).toMatch(
      /surveys\.questions\.nps\.question/,
    );
  });

  it('a check-in still has no logo or button: it reads like a person wrote it', async () => {
    const settings = parseSettings({ company: { name: 'N', logoUrl: 'https://n.example/l.png' } });
    const e = renderCheckIn({
      account: accountOf(settings, []),
      contact,
      now: NOW,
      cycle: 'c',
      unsubscribeUrl: 'http://l/u',
      voice: await voiceFor('en', settings),
    });
    expect(e.html).not.toContain('<img');
  });
});
