import { describe, expect, it } from 'vitest';
import { parseImport } from '../../functions/core/import/parse-import.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
const COLUMNS = [
  'account_id',
  'account_name',
  'owner_email',
  'annual_revenue',
  'margin_pct',
  'employees',
  'strategic',
  'tier_override',
  'products',
  'timezone',
  'customer_since',
  'last_contact_at',
  'contact_email',
  'contact_name',
  'contact_birthday',
  'contact_primary',
] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

const base: Row = {
  account_id: 'A-1',
  account_name: 'Acme',
  owner_email: 'owner@example.com',
  contact_email: 'anna@example.com',
};

/** A CSV with a header of COLUMNS and one line per row (values quoted, so commas are safe). */
function csv(...rows: Row[]): string {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = rows.map((r) => COLUMNS.map((c) => q(r[c] ?? '')).join(','));
  return `${COLUMNS.join(',')}\n${lines.join('\n')}\n`;
}

const check = (...rows: Row[]) => parseImport(csv(...rows), 'csv', { now: NOW });

describe('validating import rows', () => {
  it('turns the rows of an account into one record with its contacts, in file order', () => {
    const r = check(
      {
        ...base,
        annual_revenue: '1,250,000.50',
        margin_pct: '42%',
        employees: '1,200',
        strategic: 'Yes',
        tier_override: 'KEY',
        products: ' Fleet ; Port Sync;;Fleet ',
        timezone: 'europe/paris',
        customer_since: '2020-02-29',
        last_contact_at: '2026-10-01',
        contact_name: 'Änne',
        contact_birthday: '1990-03-15',
        contact_primary: 'TRUE',
      },
      {
        ...base,
        annual_revenue: '1250000.5',
        margin_pct: '42',
        employees: '1200',
        strategic: 'true',
        tier_override: 'key',
        products: 'Port Sync;Fleet',
        timezone: 'Europe/Paris',
        customer_since: '2020-02-29',
        last_contact_at: '2026-10-01',
        contact_email: 'Bob@Example.COM',
        contact_birthday: '02-29',
      },
      { ...base, account_id: 'A-2', contact_email: 'cleo@example.com' },
    );

    expect(r.bad).toEqual([]);
    expect(r.records.map((x) => x.profile.accountId)).toEqual(['A-1', 'A-2']);
    expect(r.records[0]).toEqual({
      profile: {
        accountId: 'A-1',
        name: 'Acme',
        ownerEmail: 'owner@example.com',
        ownerName: undefined,
        managerEmail: undefined,
        annualRevenue: 1_250_000.5,
        marginPct: 42,
        employees: 1200,
        strategic: true,
        tierOverride: 'key',
        segment: undefined,
        products: ['Fleet', 'Port Sync'],
        timeZone: 'Europe/Paris',
        customerSince: '2020-02-29',
        renewalDate: undefined,
      },
      contacts: [
        {
          accountId: 'A-1',
          email: 'anna@example.com',
          name: 'Änne',
          role: undefined,
          birthday: '03-15',
          primary: true,
        },
        {
          accountId: 'A-1',
          email: 'bob@example.com',
          name: undefined,
          role: undefined,
          birthday: '02-29',
          primary: false,
        },
      ],
      lastContactAt: '2026-10-01T00:00:00.000Z',
    });
  });

  it.each([
    [{ account_id: '' }, 'account_id: is missing (required)'],
    [{ account_name: '' }, 'account_name: is missing (required)'],
    [{ owner_email: '' }, 'owner_email: is missing (required)'],
    [{ contact_email: '' }, 'contact_email: is missing (required)'],
    [{ owner_email: 'owner(at)example.com' }, 'owner_email: is not a valid email address'],
    [{ contact_email: 'anna@example' }, 'contact_email: is not a valid email address'],
    [{ annual_revenue: '12k' }, 'annual_revenue: "12k" is not a number'],
    [{ annual_revenue: '1,5' }, 'annual_revenue: "1,5" is not a number'],
    [{ annual_revenue: '-10' }, 'annual_revenue: must not be negative'],
    [{ margin_pct: '140' }, 'margin_pct: "140" is above 100 (a margin is a percentage of revenue)'],
    [{ employees: '12.5' }, 'employees: "12.5" is not a whole number of people'],
    [{ strategic: 'maybe' }, 'strategic: "maybe" is not true or false'],
    [{ tier_override: 'gold' }, 'tier_override: "gold" is not a tier override (use key, growth or standard)'],
    [{ timezone: 'Mars/Olympus' }, 'timezone: "Mars/Olympus" is not an IANA time zone (e.g. Europe/Paris)'],
    [{ timezone: '+02:00' }, 'timezone: "+02:00" is not an IANA time zone (e.g. Europe/Paris)'],
    [{ customer_since: '2025-02-30' }, 'customer_since: "2025-02-30" is not a date (use YYYY-MM-DD)'],
    [{ customer_since: '03/04/2025' }, 'customer_since: "03/04/2025" is not a date (use YYYY-MM-DD)'],
    [{ last_contact_at: '2031-01-01' }, 'last_contact_at: "2031-01-01" is in the future'],
    [
      { contact_birthday: '13-01' },
      'contact_birthday: "13-01" is not a birthday (use MM-DD, e.g. 03-15, or YYYY-MM-DD)',
    ],
    [{ contact_primary: 'si' }, 'contact_primary: "si" is not true or false'],
  ] satisfies [Row, string][])('reports %o as "%s"', (change, reason) => {
    const r = check({ ...base, ...change });

    expect(r.records).toEqual([]);
    expect(r.bad).toEqual([expect.objectContaining({ row: 1, line: 2, where: 'row 1 (line 2)', reason })]);
  });

  it('gives every reason of a row at once', () => {
    const r = check({ ...base, annual_revenue: 'lots', contact_email: 'nope' });

    expect(r.bad[0]?.reason).toBe(
      'annual_revenue: "lots" is not a number; contact_email: is not a valid email address',
    );
  });

  it('never echoes a bad email address in a message', () => {
    const r = check({ ...base, owner_email: 'jane.doe@@corp.example.com' });

    expect(JSON.stringify(r.bad)).not.toContain('jane.doe');
  });

  it('imports the good rows of an account when another of its rows is bad on its own', () => {
    const r = check(
      base,
      { ...base, contact_email: 'bob@example' },
      { ...base, contact_email: 'cleo@example.com' },
    );

    expect(r.bad.map((b) => b.row)).toEqual([2]);
    expect(r.records[0]?.contacts.map((c) => c.email)).toEqual(['anna@example.com', 'cleo@example.com']);
  });

  it('makes every row of an account bad when its rows disagree, naming the field and the other row', () => {
    const r = check(
      { ...base, annual_revenue: '120000' },
      { ...base, annual_revenue: '120,000', contact_email: 'bob@example.com' },
      {
        ...base,
        annual_revenue: '90000',
        owner_email: 'other@example.com',
        contact_email: 'cleo@example.com',
      },
      { ...base, account_id: 'A-2' },
    );

    expect(r.records.map((x) => x.profile.accountId)).toEqual(['A-2']);
    expect(r.bad.map((b) => [b.row, b.accountId, b.reason])).toEqual([
      [
        1,
        'A-1',
        'the rows of account A-1 disagree: owner_email and annual_revenue differ on row 3 (line 4); nothing of this account is imported',
      ],
      [
        2,
        'A-1',
        'the rows of account A-1 disagree: owner_email and annual_revenue differ on row 3 (line 4); nothing of this account is imported',
      ],
      [
        3,
        'A-1',
        'owner_email and annual_revenue differ from row 1 (line 2), another row of account A-1; nothing of this account is imported',
      ],
    ]);
  });

  it('treats an empty account cell on one row and a value on another as a disagreement', () => {
    const r = check({ ...base, timezone: 'Asia/Tokyo' }, { ...base, contact_email: 'bob@example.com' });

    expect(r.records).toEqual([]);
    expect(r.bad[1]?.reason).toMatch(/^timezone differs from row 1 \(line 2\)/);
  });

  it('reports an exact repeat of a contact on the later row and imports the contact once', () => {
    const r = check(base, { ...base, contact_email: 'ANNA@example.com' });

    expect(r.bad).toEqual([
      expect.objectContaining({
        row: 2,
        reason: 'contact_email: the same contact twice in account A-1, as on row 1 (line 2)',
      }),
    ]);
    expect(r.records[0]?.contacts).toHaveLength(1);
  });

  it('refuses every copy of a contact repeated with different details, keeping the other contacts', () => {
    const r = check(
      { ...base, contact_name: 'Anna' },
      { ...base, contact_email: 'bob@example.com' },
      { ...base, contact_name: 'Anna K.', contact_primary: 'true' },
    );

    expect(r.bad.map((b) => [b.row, b.reason])).toEqual([
      [
        1,
        'contact_email: the same contact twice in account A-1 with different contact_name and contact_primary (row 1 (line 2) and row 3 (line 4)); this contact is not imported',
      ],
      [
        3,
        'contact_email: the same contact twice in account A-1 with different contact_name and contact_primary (row 1 (line 2) and row 3 (line 4)); this contact is not imported',
      ],
    ]);
    expect(r.records[0]?.contacts.map((c) => c.email)).toEqual(['bob@example.com']);
  });

  it('allows the same person as a contact of two accounts', () => {
    const r = check(base, { ...base, account_id: 'A-2' });

    expect(r.bad).toEqual([]);
    expect(r.records).toHaveLength(2);
  });

  it('keeps an account of the JSON accounts form that has no contacts yet', () => {
    const json = JSON.stringify({
      accounts: [{ account_id: 'A-1', account_name: 'One', owner_email: 'o@example.com' }],
    });

    const r = parseImport(json, 'json', { now: NOW });

    expect(r.bad).toEqual([]);
    expect(r.records[0]).toMatchObject({ profile: { accountId: 'A-1' }, contacts: [] });
  });

  it('reads the CSV and JSON forms of the same data into the same records', () => {
    const fromCsv = check({
      ...base,
      annual_revenue: '300000',
      strategic: 'false',
      products: 'Fleet;Port Sync',
    });
    const json = JSON.stringify([
      { ...base, annual_revenue: 300000, strategic: false, products: ['Fleet', 'Port Sync'] },
    ]);

    const fromJson = parseImport(json, 'json', { now: NOW });

    expect(fromJson.records).toEqual(fromCsv.records);
  });

  it('reports a JSON row by its position in the file', () => {
    const json = JSON.stringify({
      accounts: [{ ...base, contacts: [{ contact_email: 'a@example.com' }, { contact_email: 'bad' }] }],
    });

    const r = parseImport(json, 'json', { now: NOW });

    expect(r.bad).toEqual([
      {
        row: 2,
        line: undefined,
        where: 'row 2 (accounts[0].contacts[1])',
        accountId: 'A-1',
        reason: 'contact_email: is not a valid email address',
      },
    ]);
  });
});
