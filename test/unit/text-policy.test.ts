import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, sendEmailInput } from '../../functions/adapters/ses/mailer.ts';
import { parseCrmEvent } from '../../functions/core/crm/parse-crm-event.ts';
import { parseImport } from '../../functions/core/import/parse-import.ts';
import { decodeImportBytes } from '../../functions/core/import/read-rows.ts';
import type { OutgoingEmail } from '../../functions/core/ports.ts';
import { normalizeComment } from '../../functions/core/survey/answer.ts';
import {
  cleanMultiLine,
  cleanSingleLine,
  escapeForTerminal,
  isWellFormedText,
  singleLineProblem,
} from '../../functions/core/text-policy.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
const HOSTILE_SUBJECT = 'Evil\r\nBcc: attacker@evil.example\r\nContent-Type: text/html\r\n\r\n<h1>pwn</h1>';

describe('the text policy', () => {
  it.each([
    ['CR LF', 'a\r\nb', 'contains a control character (U+000D)'],
    ['NUL', 'Null\x00byte', 'contains a control character (U+0000)'],
    ['ESC', 'a\x1b[31mred', 'contains a control character (U+001B)'],
    ['a C1 control (CSI)', 'a\u009bb', 'contains a control character (U+009B)'],
    ['DEL', 'a\x7f', 'contains a control character (U+007F)'],
    ['a line separator', 'a\u2028b', 'contains a control character (U+2028)'],
    ['a right-to-left override', 'invoice\u202Egpj.exe', 'contains a bidirectional override (U+202E)'],
    ['a bidi isolate', 'a\u2066b', 'contains a bidirectional override (U+2066)'],
    ['a lone surrogate', 'a\uD800b', 'contains characters that are not valid UTF-8'],
  ])('refuses %s in a single-line field', (_name, value, problem) => {
    expect(singleLineProblem(value)).toBe(problem);
  });

  it('accepts ordinary single-line text in any script, emoji included', () => {
    for (const v of ['Acme, Inc.', 'Änne Müller', 'شركة', '株式会社', 'Café 😀', 'tab-free'])
      expect(singleLineProblem(v)).toBeUndefined();
  });

  it('keeps newlines and tabs in multi-line fields and drops every other control', () => {
    expect(cleanMultiLine('one\r\ntwo\rthree\u2028four\tfive\x1b[2J\x07\u202E\u009b!')).toBe(
      'one\ntwo\nthree\nfour\tfive[2J!',
    );
    expect(normalizeComment('  Great\u202E service\x00 \r\n')).toBe('Great service');
  });

  it('refuses lone surrogates, accepts pairs', () => {
    expect(isWellFormedText('😀')).toBe(true);
    expect(isWellFormedText('\uDE00x')).toBe(false);
  });

  it('cleans a value down to one line for a header', () => {
    expect(cleanSingleLine(HOSTILE_SUBJECT)).not.toMatch(/[\r\n]/);
    expect(cleanSingleLine('a\uD800b')).toBe('a\uFFFDb');
  });

  it('escapes terminal control sequences visibly', () => {
    expect(escapeForTerminal('\x1b]0;pwned\x07Acme\x1b[31m')).toBe('\\x1b]0;pwned\\x07Acme\\x1b[31m');
    expect(escapeForTerminal('\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\')).not.toContain('\x1b');
    expect(escapeForTerminal('\u009b2J \u202E \uD800')).toBe('\\x9b2J \\u202e \\ud800');
    expect(escapeForTerminal('Änne 😀')).toBe('Änne 😀');
  });
});

describe('the import refuses control characters in every field, naming row and field', () => {
  const header = 'account_id,account_name,owner_email,owner_name,contact_email,contact_name';
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const row = (cells: string[]) => cells.map(q).join(',');

  it.each([
    ['account_name', ['A-1', HOSTILE_SUBJECT, 'o@example.com', '', 'c@example.com', '']],
    ['owner_name', ['A-1', 'Acme', 'o@example.com', 'Null\x00byte', 'c@example.com', '']],
    ['contact_name', ['A-1', 'Acme', 'o@example.com', '', 'c@example.com', 'Dana\u202Eevil']],
  ])('refuses a bad %s and writes nothing of the row', (field, cells) => {
    const good = row(['B-2', 'Beta', 'o@example.com', 'Olga', 'b@example.com', 'Bo']);
    const r = parseImport(`${header}\n${row(cells)}\n${good}\n`, 'csv', { now: NOW });
    expect(r.bad).toHaveLength(1);
    expect(r.bad[0]).toMatchObject({ row: 1, where: 'row 1 (line 2)' });
    expect(r.bad[0]?.reason).toMatch(new RegExp(`^${field}: contains `));
    expect(r.records.map((x) => x.profile.accountId)).toEqual(['B-2']);
  });

  it('refuses a file that is not text in its encoding (UTF-16 with a lone surrogate too)', () => {
    const utf16 = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x42, 0x00]);
    expect(() => decodeImportBytes(utf16)).toThrow(/not UTF-8 text/);
  });

  it('refuses the same in a JSON import, lone surrogates included', () => {
    const surrogate = parseImport(
      JSON.stringify({
        accounts: [
          { account_id: 'A-1', account_name: 'Acme\uD800', owner_email: 'o@example.com', contacts: [] },
        ],
      }),
      'json',
      { now: NOW },
    );
    expect(surrogate.bad[0]?.reason).toMatch(/account_name: contains characters that are not valid UTF-8/);
    const json = JSON.stringify({
      accounts: [
        { account_id: 'A-1', account_name: 'Ev\x1b[2Jil', owner_email: 'o@example.com', contacts: [] },
      ],
    });
    const r = parseImport(json, 'json', { now: NOW });
    expect(r.bad[0]?.reason).toMatch(/account_name: contains a control character \(U\+001B\)/);
    expect(r.records).toEqual([]);
  });
});

describe('CRM events follow the same policy', () => {
  const envelope = (detailType: string, detail: unknown) => ({
    version: '0',
    id: 'evt-1',
    'detail-type': detailType,
    source: 'crm',
    time: '2026-11-22T11:59:00Z',
    detail,
  });
  const parse = (t: string, d: unknown) => parseCrmEvent(envelope(t, d), { now: NOW });

  it('refuses an Account Upserted whose name would split a Subject', () => {
    const r = parse('Account Upserted', {
      account_id: 'A-1',
      account_name: HOSTILE_SUBJECT,
      owner_email: 'o@example.com',
      contacts: [{ contact_email: 'c@example.com' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/account_name: contains a control character \(U\+000D\)/);
  });

  it('refuses single-line fields with bidi overrides or lone surrogates', () => {
    const product = parse('Complaint Filed', {
      account_id: 'A-1',
      complaint_id: 'C-1',
      at: '2026-11-20',
      summary: 'broken',
      product: 'Fleet\u202E',
    });
    expect(product.ok ? '' : product.reason).toBe(
      'detail.product: contains a bidirectional override (U+202E)',
    );
    const note = parse('Contact Logged', { account_id: 'A-1', at: '2026-11-20', note: 'hi \uD800' });
    expect(note.ok ? '' : note.reason).toBe('detail.note: contains characters that are not valid UTF-8');
  });

  it('cleans multi-line fields: a summary keeps its lines and loses terminal escapes', () => {
    const r = parse('Complaint Filed', {
      account_id: 'A-1',
      complaint_id: 'C-1',
      at: '2026-11-20',
      summary: 'Line one\r\n\x1b]0;title\x07Line two\u202E',
    });
    expect(r.ok && r.event.detailType === 'Complaint Filed' && r.event.summary).toBe(
      'Line one\n]0;titleLine two',
    );
  });
});

describe('the SES mailer, last line of defence for headers', () => {
  const sender = 'alerts@example.com';
  const base: OutgoingEmail = {
    to: 'c@example.com',
    subject: 's',
    html: '',
    text: '',
    tags: { kind: 'alert' },
  };
  /** Every header value the request carries. */
  const headerValues = (input: ReturnType<typeof sendEmailInput>) => [
    input.FromEmailAddress,
    ...input.Destination.ToAddresses,
    ...(input.ReplyToAddresses ?? []),
    input.Content.Simple.Subject.Data,
    ...(input.Content.Simple.Headers ?? []).flatMap((h) => [h.Name, h.Value]),
    ...input.EmailTags.flatMap((t) => [t.Name, t.Value]),
  ];

  it('cleans the issue’s hostile subjects', () => {
    for (const subject of [HOSTILE_SUBJECT, 'Checking in on Null\x00byte']) {
      const input = sendEmailInput({ ...base, subject }, { sender });
      expect(input.Content.Simple.Subject.Data).not.toMatch(/[\r\n\0]/);
    }
    expect(formatAddress('Maria\r\nBcc: x@evil.example', sender)).toBe(
      '"Maria Bcc: x@evil.example" <alerts@example.com>',
    );
  });

  it('refuses an address that would add a header or a recipient', () => {
    expect(() =>
      sendEmailInput({ ...base, to: 'c@example.com\r\nBcc: x@evil.example' }, { sender }),
    ).toThrow();
    expect(() => sendEmailInput({ ...base, replyTo: 'o@example.com,x@evil.example' }, { sender })).toThrow();
    expect(() =>
      sendEmailInput({ ...base, headers: [{ name: 'X-A\r\nBcc', value: 'x' }] }, { sender }),
    ).toThrow();
  });

  it('never splits a header, whatever the subject, display name, header values and tags', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(HOSTILE_SUBJECT, '\r', '\n', '\0', '\u2028', '\u0085', '\uD800'),
    );
    fc.assert(
      fc.property(
        anyText,
        fc.option(anyText, { nil: undefined }),
        fc.array(anyText, { maxLength: 3 }),
        fc.dictionary(fc.string(), anyText, { maxKeys: 3 }),
        (subject, fromName, values, tags) => {
          const input = sendEmailInput(
            {
              ...base,
              subject,
              fromName,
              replyTo: 'o@example.com',
              headers: values.map((value) => ({ name: 'List-Unsubscribe', value })),
              tags,
            },
            { sender },
          );
          for (const v of headerValues(input)) expect(v).not.toMatch(/[\r\n\0\u2028\u2029\u0085]/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
