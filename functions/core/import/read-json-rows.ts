import {
  ACCOUNT_COLUMNS,
  CONTACT_COLUMNS,
  type Column,
  emptyFields,
  ImportFileError,
  isColumn,
  normalizeColumnName,
  type RawRow,
  type RowFields,
} from './import-columns.ts';

/**
 * The JSON import reader, apart from the CSV one so that a Lambda checking one account object (a
 * CRM's `Account Upserted` event) does not bundle the CSV parser.
 */

/** The data rows of a file and what was odd about it without making any row bad. */
export interface ReadRows {
  rows: RawRow[];
  warnings: string[];
}

// --- JSON ------------------------------------------------------------------------------------

const ACCOUNT_SET = new Set<string>(ACCOUNT_COLUMNS);
const CONTACT_SET = new Set<string>(CONTACT_COLUMNS);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads JSON in one of two shapes: an array of row objects with the CSV's column names (one per
 * contact, account fields repeated), or `{"accounts": [{...account fields, "contacts": [{...}]}]}`.
 * Values may be text, numbers, true/false or null; `products` may also be an array of names.
 */
export function readJsonRows(text: string): ReadRows {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportFileError(`the file is not valid JSON: ${(e as Error).message}`);
  }
  const unknown = new Set<string>();
  const rows: RawRow[] = [];
  if (Array.isArray(data)) {
    data.forEach((item, i) => {
      const row = rows.length + 1;
      const where = `row ${row} ([${i}])`;
      if (!isPlainObject(item)) {
        rows.push({ row, where, fields: emptyFields(), problem: 'is not an object' });
        return;
      }
      const fields = emptyFields();
      const problems = copyJsonFields(item, fields, (k) => isColumn(k), unknown);
      rows.push({ row, where, fields, problem: problems.join('; ') || undefined });
    });
  } else if (isPlainObject(data) && Array.isArray(data.accounts)) {
    for (const [key] of Object.entries(data)) if (key !== 'accounts') unknown.add(key);
    data.accounts.forEach((account, i) => {
      readNestedAccount(account, `accounts[${i}]`, rows, unknown);
    });
  } else {
    throw new ImportFileError(
      'the JSON must be an array of rows, or an object {"accounts": [...]} (docs/import.md shows both)',
    );
  }
  const warnings = [...unknown].map((k) => `unknown field "${k}" ignored`);
  if (rows.length === 0) warnings.push('the file has no rows');
  return { rows, warnings };
}

/**
 * One account object of the `accounts` form, alone: what a CRM's `Account Upserted` event carries
 * (docs/events.md). `path` names it in messages, e.g. "detail".
 */
export function readAccountObject(account: unknown, path: string): ReadRows {
  const unknown = new Set<string>();
  const rows: RawRow[] = [];
  readNestedAccount(account, path, rows, unknown);
  return { rows, warnings: [...unknown].map((k) => `unknown field "${k}" ignored`) };
}

function readNestedAccount(account: unknown, path: string, rows: RawRow[], unknown: Set<string>): void {
  const base = emptyFields();
  if (!isPlainObject(account)) {
    const row = rows.length + 1;
    rows.push({ row, where: `row ${row} (${path})`, fields: base, problem: 'is not an object' });
    return;
  }
  const accountProblems = copyJsonFields(
    account,
    base,
    (k) => ACCOUNT_SET.has(k) || k === 'contacts',
    unknown,
  );
  const contacts = account.contacts ?? [];
  if (!Array.isArray(contacts) || contacts.length === 0) {
    const row = rows.length + 1;
    if (!Array.isArray(contacts)) accountProblems.push('contacts: expected an array');
    rows.push({
      row,
      where: `row ${row} (${path})`,
      fields: base,
      problem: accountProblems.join('; ') || undefined,
      accountOnly: true,
    });
    return;
  }
  contacts.forEach((contact, j) => {
    const row = rows.length + 1;
    const where = `row ${row} (${path}.contacts[${j}])`;
    const fields = { ...base };
    const problems = [...accountProblems];
    if (isPlainObject(contact))
      problems.push(...copyJsonFields(contact, fields, (k) => CONTACT_SET.has(k), unknown));
    else problems.push('the contact is not an object');
    rows.push({ row, where, fields, problem: problems.join('; ') || undefined });
  });
}

/** Copies known fields as text; returns the problems of values of the wrong JSON type. */
function copyJsonFields(
  source: Record<string, unknown>,
  fields: RowFields,
  known: (name: string) => boolean,
  unknown: Set<string>,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    const name = normalizeColumnName(key);
    if (!known(name)) {
      unknown.add(key);
      continue;
    }
    if (!isColumn(name)) continue;
    const textValue = jsonValueAsText(name, value);
    if (textValue === undefined) problems.push(`${name}: expected text, a number or true/false`);
    else fields[name] = textValue;
  }
  return problems;
}

function jsonValueAsText(column: Column, value: unknown): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (column === 'products' && Array.isArray(value) && value.every((p) => typeof p === 'string'))
    return value.join(';');
  return undefined;
}
