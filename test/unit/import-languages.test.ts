import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import { languageOf } from '../../functions/core/i18n/language.ts';
import { parseImport } from '../../functions/core/import/parse-import.ts';
import { importHashOf, planUpsert } from '../../functions/core/import/upsert-policy.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
const settings = parseSettings({});
const HEADER = 'account_id,account_name,owner_email,account_language,contact_email,contact_language';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('import languages', () => {
  it('reads contact_language and account_language as canonical BCP 47 tags', () => {
    const r = parseImport(
      csv('A-1,Acme,o@v.example,pt-br,ana@acme.example,DE', 'A-1,Acme,o@v.example,pt-br,joao@acme.example,'),
      'csv',
      { now: NOW },
    );
    expect(r.bad).toEqual([]);
    expect(r.records[0]?.profile.language).toBe('pt-BR');
    expect(r.records[0]?.profile.contactLanguages).toEqual({ 'ana@acme.example': 'de' });
  });

  it('refuses a tag that is not BCP 47, naming the row and the column, and imports nothing of the row', () => {
    const r = parseImport(csv('A-1,Acme,o@v.example,,ana@acme.example,german!'), 'csv', { now: NOW });
    expect(r.records).toEqual([]);
    expect(r.bad[0]?.reason).toMatch(/contact_language: "german!" is not a BCP 47 language tag/);
  });

  it('takes the same fields from JSON', () => {
    const json = JSON.stringify([
      {
        account_id: 'A-1',
        account_name: 'Acme',
        owner_email: 'o@v.example',
        contact_email: 'a@acme.example',
        contact_language: 'ja',
      },
    ]);
    expect(parseImport(json, 'json', { now: NOW }).records[0]?.profile.contactLanguages).toEqual({
      'a@acme.example': 'ja',
    });
  });

  it('never erases a language by leaving it out: a re-import without the columns keeps both', () => {
    const first = parseImport(csv('A-1,Acme,o@v.example,fr,ana@acme.example,de'), 'csv', { now: NOW })
      .records[0];
    const again = parseImport(csv('A-1,Acme,o@v.example,,ana@acme.example,'), 'csv', { now: NOW }).records[0];
    if (!first || !again) throw new Error('expected records');
    const put = planUpsert(first, undefined, importHashOf(first, settings), settings, NOW);
    if (put.kind !== 'put') throw new Error('expected a put');
    const second = planUpsert(again, put.account, importHashOf(again, settings), settings, NOW);
    if (second.kind !== 'put') throw new Error('expected a put');
    expect(second.account.language).toBe('fr');
    expect(second.account.contactLanguages).toEqual({ 'ana@acme.example': 'de' });
  });

  it('resolves a contact to its own language, then the account’s, then the default', () => {
    const account = { language: 'fr', contactLanguages: { 'ana@acme.example': 'de' } };
    expect(languageOf(account, 'Ana@Acme.example', 'en')).toBe('de');
    expect(languageOf(account, 'joao@acme.example', 'en')).toBe('fr');
    expect(languageOf({}, 'joao@acme.example', 'es')).toBe('es');
  });
});
