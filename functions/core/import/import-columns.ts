/**
 * The columns of an import file (CSV header or JSON field names), as DESIGN.md fixes them.
 * Account columns repeat on every row of an account; contact columns describe one contact.
 */
export const ACCOUNT_COLUMNS = [
  'account_id',
  'account_name',
  'owner_email',
  'owner_name',
  'manager_email',
  'annual_revenue',
  'margin_pct',
  'employees',
  'strategic',
  'tier_override',
  'segment',
  'products',
  'timezone',
  'customer_since',
  'renewal_date',
  'last_contact_at',
  'account_language',
] as const;

export const CONTACT_COLUMNS = [
  'contact_email',
  'contact_name',
  'contact_role',
  'contact_phone',
  'contact_birthday',
  'contact_primary',
  'contact_language',
] as const;

export type AccountColumn = (typeof ACCOUNT_COLUMNS)[number];
export type ContactColumn = (typeof CONTACT_COLUMNS)[number];
export type Column = AccountColumn | ContactColumn;

export const COLUMNS: readonly Column[] = [...ACCOUNT_COLUMNS, ...CONTACT_COLUMNS];
export const REQUIRED_COLUMNS: readonly Column[] = [
  'account_id',
  'account_name',
  'owner_email',
  'contact_email',
];

const KNOWN = new Set<string>(COLUMNS);
export const isColumn = (name: string): name is Column => KNOWN.has(name);

/**
 * How a header cell or JSON key is matched to a column: case, surrounding spaces and a space or
 * hyphen instead of an underscore do not matter ("Account ID" is account_id).
 */
export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** One row of the input, every known column as trimmed text ('' when empty or absent). */
export type RowFields = Record<Column, string>;

/** A data row and where it sits in the file, for messages a user can act on. */
export interface RawRow {
  /** 1-based count of data rows: the header and skipped blank lines are not counted. */
  row: number;
  /** 1-based line of the file where the row starts (CSV only): the row number a spreadsheet shows. */
  line?: number | undefined;
  /** How messages name the row: "row 7 (line 8)", "row 3 (accounts[1].contacts[0])". */
  where: string;
  fields: RowFields;
  /** A problem found while reading the row (wrong number of cells, a value of the wrong JSON type). */
  problem?: string | undefined;
  /** An account given without contacts (JSON `accounts` form): only the account columns apply. */
  accountOnly?: boolean | undefined;
}

/** Thrown when the file as a whole cannot be read as an import (not CSV, no header, missing column). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export function emptyFields(): RowFields {
  const f = {} as RowFields;
  for (const c of COLUMNS) f[c] = '';
  return f;
}
