import { describe, expect, it } from 'vitest';
import {
  type Catalogue,
  type MessageKey,
  translator,
  translatorFor,
} from '../../../functions/core/i18n/catalogue.ts';
import { argumentsOf } from '../../../functions/core/i18n/format.ts';
import de from '../../../functions/core/i18n/messages/de.ts';
import english, { messages as en } from '../../../functions/core/i18n/messages/en.ts';
import es from '../../../functions/core/i18n/messages/es.ts';
import fr from '../../../functions/core/i18n/messages/fr.ts';
import ja from '../../../functions/core/i18n/messages/ja.ts';
import pt from '../../../functions/core/i18n/messages/pt.ts';

const SHIPPED: Record<string, Catalogue> = { de, es, fr, ja, pt };
const KEYS = Object.keys(en) as MessageKey[];

/** Sample values for every argument a message may name. */
const SAMPLE: Record<string, unknown> = {
  name: 'Ana',
  owner: 'Maya',
  account: 'Acme',
  company: 'Northwind',
  products: ['Ledger'],
  count: 1,
  span: 'twoMonths',
  renewal: new Date('2027-01-15T00:00:00Z'),
  about: 'named',
  years: 3,
  score: 4,
  max: 10,
  min: 0,
  low: 'low',
  high: 'high',
  meaning: 'very',
  length: 2100,
  asked: 'yes',
  revised: 'no',
  comment: 'yes',
  email: 'a***@x.example',
  link: { tag: true, open: '<a href="u">', close: '</a>', textAfter: ' <u>' },
  b: { tag: true, open: '<strong>', close: '</strong>' },
};

const allArgs = (message: string) => {
  const { plain, formatted } = argumentsOf(message);
  return new Set([...plain, ...formatted]);
};

describe('catalogues', () => {
  it.each(Object.keys(SHIPPED))('%s has every English key, and no key English lacks', (lang) => {
    const own = Object.keys(SHIPPED[lang]?.messages ?? {});
    expect(KEYS.filter((k) => !own.includes(k))).toEqual([]);
    expect(own.filter((k) => !KEYS.includes(k as MessageKey))).toEqual([]);
  });

  // A value the renderer passes (a name, the products) must appear in every translation; a
  // translation may leave out a selector its grammar does not need (Japanese verbs have no
  // plural), but may not name a value nobody passes.
  it.each(Object.keys(SHIPPED))('%s uses every value of each message and invents none', (lang) => {
    const problems: string[] = [];
    for (const key of KEYS) {
      const theirs = SHIPPED[lang]?.messages[key];
      if (theirs === undefined) continue;
      const source = argumentsOf(en[key]);
      const used = allArgs(theirs);
      for (const a of source.plain) if (!used.has(a)) problems.push(`${key}: {${a}} unused`);
      const known = allArgs(en[key]);
      for (const a of used) if (!known.has(a)) problems.push(`${key}: {${a}} is not a value of this message`);
    }
    expect(problems).toEqual([]);
  });

  it('the English catalogue uses every value it declares in some branch', () => {
    for (const key of KEYS) expect(() => translator('en', english).text(key, SAMPLE as never)).not.toThrow();
  });

  it.each(['en', ...Object.keys(SHIPPED)])('every %s message formats with sample values', (lang) => {
    const t = lang === 'en' ? translator('en', english) : translator(lang, SHIPPED[lang] as Catalogue);
    for (const key of KEYS) {
      const out = t.text(key, SAMPLE as never);
      expect(out.length, key).toBeGreaterThan(0);
      expect(out, key).not.toMatch(/[{}]/);
    }
  });
});

describe('plurals in every language', () => {
  const COUNTS = [0, 1, 2, 5, 21];
  const expected: Record<string, Record<number, string>> = {
    en: {
      0: '0 years together',
      1: 'One year together',
      2: '2 years together',
      5: '5 years',
      21: '21 years',
    },
    de: { 0: '0 Jahre', 1: 'Ein Jahr', 2: '2 Jahre', 5: '5 Jahre', 21: '21 Jahre' },
    // French counts 0 like 1 ("0 an"), and says "Un an" for exactly one.
    fr: { 0: '0 an ensemble', 1: 'Un an ensemble', 2: '2 ans', 5: '5 ans', 21: '21 ans' },
    es: { 0: '0 años', 1: 'Un año', 2: '2 años', 5: '5 años', 21: '21 años' },
    pt: { 0: '0 anos', 1: 'Um ano', 2: '2 anos', 5: '5 anos', 21: '21 anos' },
    ja: { 0: '0年', 1: '1年', 2: '2年', 5: '5年', 21: '21年' },
  };
  it.each(Object.keys(expected))('%s: the anniversary subject for 0, 1, 2, 5 and 21 years', async (lang) => {
    const t = await translatorFor(lang);
    for (const n of COUNTS)
      expect(t.line('anniversary.subject', { years: n, account: 'Acme' })).toContain(expected[lang]?.[n]);
  });

  it.each(Object.keys(expected))('%s: the verb agrees with 1 and with 2 products', async (lang) => {
    const t = await translatorFor(lang);
    const one = t.line('checkIn.about2', { count: 1, products: ['Ledger'], account: 'Acme' });
    const two = t.line('checkIn.about2', { count: 2, products: ['Ledger', 'Payroll'], account: 'Acme' });
    expect(one).toContain('Ledger');
    expect(two).toMatch(/Ledger.*Payroll/);
    if (lang !== 'ja') expect(one.replace('Ledger', '')).not.toEqual(two.replace(/Ledger.*Payroll/, ''));
  });

  it.each(Object.keys(expected))('%s: numbers and dates come from Intl', async (lang) => {
    const t = await translatorFor(lang);
    const hint = t.text('page.survey.commentHint', { max: 2000 });
    expect(hint).toContain(
      new Intl.NumberFormat(lang === 'en' ? 'en-GB' : lang === 'pt' ? 'pt-BR' : lang).format(2000),
    );
    const renewal = t.text('checkIn.renewal', { renewal: new Date('2027-01-15T00:00:00Z') });
    expect(renewal).toContain(
      new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang === 'pt' ? 'pt-BR' : lang, {
        day: 'numeric',
        month: 'long',
        timeZone: 'UTC',
      }).format(new Date('2027-01-15T00:00:00Z')),
    );
  });
});

describe('fallback to English', () => {
  it('a language without a catalogue speaks English', async () => {
    const t = await translatorFor('it');
    expect(t.lang).toBe('en');
    expect(t.text('survey.followUp.csat')).toBe('What could we do better?');
  });

  it('a regional tag finds its language ("de-AT" speaks German), an odd tag English', async () => {
    expect((await translatorFor('de-AT')).lang).toBe('de');
    expect((await translatorFor('pt-BR')).text('survey.followUp.csat')).toBe(
      'O que poderíamos fazer melhor?',
    );
    expect((await translatorFor('not a tag')).lang).toBe('en');
  });

  it('a key a catalogue lacks falls back to the English text', () => {
    const partial = translator('xx', { messages: { 'survey.followUp.nps': 'Warum?' } });
    expect(partial.text('survey.followUp.nps')).toBe('Warum?');
    expect(partial.text('survey.followUp.csat')).toBe('What could we do better?');
  });
});
