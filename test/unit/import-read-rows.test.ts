import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../functions/core/import/import-columns.ts';
import {
  decodeImportBytes,
  detectFormat,
  readCsvRows,
  readJsonRows,
} from '../../functions/core/import/read-rows.ts';

const HEADER = 'account_id,account_name,owner_email,contact_email,contact_name';

describe('readCsvRows', () => {
  it('reads a BOM, CRLF line ends, quoted commas and unicode names', () => {
    const csv = `\uFEFF${HEADER}\r\nA-1,"Müller, Söhne & Co.",o@example.com,anna@example.com,"Žižek, Änne"\r\n`;

    const { rows, warnings } = readCsvRows(csv);

    expect(warnings).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.fields).toMatchObject({
      account_id: 'A-1',
      account_name: 'Müller, Söhne & Co.',
      contact_name: 'Žižek, Änne',
    });
  });

  it('skips blank lines and rows of empty cells without counting them as rows', () => {
    const csv = `${HEADER}\n\nA-1,One,o@example.com,a@example.com,\n , , , ,\n\r\nA-2,Two,o@example.com,b@example.com,\n`;

    const { rows } = readCsvRows(csv);

    expect(rows.map((r) => [r.row, r.line, r.fields.account_id])).toEqual([
      [1, 3, 'A-1'],
      [2, 6, 'A-2'],
    ]);
    expect(rows[1]?.where).toBe('row 2 (line 6)');
  });

  it('counts a line break inside a quoted cell once, also as CRLF, so later line numbers stay right', () => {
    const csv = `${HEADER}\r\nA-1,One,o@example.com,a@example.com,"two\r\nlines"\r\nA-2,Two,o@example.com,b@example.com,x\r\n`;

    const { rows } = readCsvRows(csv);

    expect(rows[0]?.fields.contact_name).toBe('two\r\nlines');
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('accepts LF, CRLF and lone CR line ends mixed in one file', () => {
    const csv = `${HEADER}\r\nA-1,One,o@example.com,a@example.com,x\nA-2,Two,o@example.com,b@example.com,y\rA-3,Three,o@example.com,c@example.com,z`;

    const { rows } = readCsvRows(csv);

    expect(rows.map((r) => [r.fields.account_id, r.fields.contact_name, r.line])).toEqual([
      ['A-1', 'x', 2],
      ['A-2', 'y', 3],
      ['A-3', 'z', 4],
    ]);
  });

  it('trims spaces, tabs and no-break spaces around values', () => {
    const csv = `${HEADER}\nA-1 ,  One\u00A0,o@example.com\t, a@example.com ,"  Quoted  "\n`;

    const { rows } = readCsvRows(csv);

    expect(rows[0]?.fields).toMatchObject({
      account_id: 'A-1',
      account_name: 'One',
      owner_email: 'o@example.com',
      contact_name: 'Quoted',
    });
  });

  it('keeps a stray quote inside an unquoted cell', () => {
    const { rows } = readCsvRows(`${HEADER}\nA-1,O"Brien Ltd,o@example.com,a@example.com,x\n`);

    expect(rows[0]?.fields.account_name).toBe('O"Brien Ltd');
  });

  it('matches header names whatever their case, spacing or hyphens, in any order', () => {
    const csv = 'Contact-Email, ACCOUNT NAME ,Owner_Email,Account ID\na@example.com,One,o@example.com,A-1\n';

    const { rows } = readCsvRows(csv);

    expect(rows[0]?.fields).toMatchObject({
      account_id: 'A-1',
      account_name: 'One',
      owner_email: 'o@example.com',
      contact_email: 'a@example.com',
    });
  });

  it('ignores unknown columns with one warning each', () => {
    const csv = `${HEADER},Notes,\nA-1,One,o@example.com,a@example.com,x,call back,\n`;

    const { rows, warnings } = readCsvRows(csv);

    expect(warnings).toEqual([
      'unknown column "Notes" ignored',
      'column 7 has no name in the header and is ignored',
    ]);
    expect(rows[0]?.problem).toBeUndefined();
    expect(Object.values(rows[0]?.fields ?? {})).not.toContain('call back');
  });

  it('refuses a file whose header lacks a required column, naming it', () => {
    expect(() => readCsvRows('account_id,account_name,contact_email\nA-1,One,a@example.com\n')).toThrow(
      new ImportFileError('the header lacks the required column owner_email'),
    );
  });

  it('refuses a header that names a column twice', () => {
    expect(() => readCsvRows(`${HEADER},Account_ID\n`)).toThrow(/names the column account_id twice/);
  });

  it('refuses a first row that is data rather than a header', () => {
    expect(() => readCsvRows('A-1,One,o@example.com,a@example.com\n')).toThrow(/must be a header/);
  });

  it('refuses an empty file and warns about a header without rows', () => {
    expect(() => readCsvRows('\uFEFF\r\n\r\n')).toThrow(/empty/);
    expect(readCsvRows(`${HEADER}\r\n`).warnings).toEqual(['the file has a header but no data rows']);
  });

  it('refuses text that is not CSV (a quote never closed)', () => {
    expect(() => readCsvRows(`${HEADER}\nA-1,"One,o@example.com,a@example.com,x\n`)).toThrow(
      /not valid CSV: Quote Not Closed/,
    );
  });

  it('marks a row with more cells than the header as a problem, unless the extra cells are empty', () => {
    const csv = `${HEADER}\nA-1,Acme, Inc,o@example.com,a@example.com,x\nA-2,Two,o@example.com,b@example.com,y,,\n`;

    const { rows } = readCsvRows(csv);

    expect(rows[0]?.problem).toBe(
      'has 6 cells but the header has 5 columns (a comma in a value that is not in quotes?)',
    );
    expect(rows[1]?.problem).toBeUndefined();
  });

  it('marks a row with fewer cells than the header as a problem', () => {
    const { rows } = readCsvRows(`${HEADER}\nA-1,One,o@example.com\n`);

    expect(rows[0]?.problem).toBe('has 3 cells but the header has 5 columns');
  });
});

describe('readJsonRows', () => {
  it('reads an array of rows with native numbers, booleans and a product list', () => {
    const json = JSON.stringify([
      {
        account_id: 'A-1',
        account_name: 'One',
        owner_email: 'o@example.com',
        annual_revenue: 120000,
        strategic: true,
        products: ['Fleet', 'Port Sync'],
        segment: null,
        contact_email: 'a@example.com',
      },
    ]);

    const { rows, warnings } = readJsonRows(json);

    expect(warnings).toEqual([]);
    expect(rows[0]).toMatchObject({ row: 1, where: 'row 1 ([0])' });
    expect(rows[0]?.fields).toMatchObject({
      annual_revenue: '120000',
      strategic: 'true',
      products: 'Fleet;Port Sync',
      segment: '',
    });
  });

  it('reads the accounts form: one row per contact, account fields shared, an account without contacts kept', () => {
    const json = JSON.stringify({
      accounts: [
        {
          account_id: 'A-1',
          account_name: 'One',
          owner_email: 'o@example.com',
          contacts: [{ contact_email: 'a@example.com' }, { contact_email: 'b@example.com' }],
        },
        { account_id: 'A-2', account_name: 'Two', owner_email: 'o@example.com' },
      ],
    });

    const { rows } = readJsonRows(json);

    expect(rows.map((r) => [r.where, r.fields.account_id, r.fields.contact_email, !!r.accountOnly])).toEqual([
      ['row 1 (accounts[0].contacts[0])', 'A-1', 'a@example.com', false],
      ['row 2 (accounts[0].contacts[1])', 'A-1', 'b@example.com', false],
      ['row 3 (accounts[1])', 'A-2', '', true],
    ]);
  });

  it('warns about unknown fields once each and ignores them', () => {
    const json = JSON.stringify([
      { account_id: 'A-1', notes: 'x', contact_email: 'a@example.com' },
      { account_id: 'A-2', notes: 'y', contact_email: 'b@example.com' },
    ]);

    expect(readJsonRows(json).warnings).toEqual(['unknown field "notes" ignored']);
  });

  it('marks an item that is not an object, or a value of the wrong type, as a row problem', () => {
    const json = JSON.stringify([
      'A-1',
      { account_id: 'A-2', employees: { n: 3 }, contact_email: 'a@example.com' },
    ]);

    const { rows } = readJsonRows(json);

    expect(rows[0]?.problem).toBe('is not an object');
    expect(rows[1]?.problem).toBe('employees: expected text, a number or true/false');
  });

  it('refuses text that is not JSON, and JSON of another shape', () => {
    expect(() => readJsonRows('[{"account_id": "A-1",]')).toThrow(/not valid JSON/);
    expect(() => readJsonRows('{"rows": []}')).toThrow(/array of rows, or an object \{"accounts"/);
  });
});

describe('decodeImportBytes and detectFormat', () => {
  it('decodes UTF-16 with a BOM, as Excel writes "Unicode text"', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('account_id,Åsa\r\n', 'utf16le')]);

    expect(decodeImportBytes(utf16)).toBe('account_id,Åsa\r\n');
  });

  it('refuses bytes that are not UTF-8 rather than importing garbled names', () => {
    const latin1 = Buffer.from('account_name\nM\xfcller\n', 'latin1');

    expect(() => decodeImportBytes(latin1)).toThrow(/not UTF-8/);
  });

  it('goes by the extension, else by the first character', () => {
    expect(detectFormat('accounts.JSON', 'account_id')).toBe('json');
    expect(detectFormat('export.txt', '\uFEFF  [{"account_id": 1}]')).toBe('json');
    expect(detectFormat('export.txt', 'account_id,account_name')).toBe('csv');
  });
});
