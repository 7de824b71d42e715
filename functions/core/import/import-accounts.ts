import type { ImportRecord } from '../account.ts';
import { type BadRow, detectFormat, parseImport } from './parse-import.ts';
import type { ImportCounts } from './upsert-policy.ts';

/** Where an import's accounts go (adapters/dynamodb/account-import.ts behind it). */
export interface AccountImportPort {
  /** Upserts the accounts with their contacts; an unchanged account is not written. */
  upsert(records: ImportRecord[], opts: ImportProgress): Promise<ImportCounts>;
  /** What `upsert` would do, writing nothing. */
  preview(records: ImportRecord[], opts: ImportProgress): Promise<ImportCounts>;
}

interface ImportProgress {
  now: Date;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** What an import did (or, on a dry run, would do). */
export interface ImportReport extends ImportCounts {
  dryRun: boolean;
  /** Data rows read. */
  rows: number;
  /** Accounts with at least one good row. */
  accounts: number;
  bad: BadRow[];
  warnings: string[];
}

/**
 * The import use case: check every row of a CSV or JSON text, then upsert the good accounts (or,
 * on a dry run, count what would change). Throws ImportFileError when the text as a whole cannot be
 * read as an import; bad rows are in the report, never thrown.
 */
export async function importAccounts(
  deps: { accounts: AccountImportPort },
  input: { fileName: string; text: string; now: Date; dryRun?: boolean | undefined },
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const { now, dryRun = false } = input;
  const parsed = parseImport(input.text, detectFormat(input.fileName, input.text), { now });
  const write = dryRun ? deps.accounts.preview : deps.accounts.upsert;
  const counts = parsed.records.length
    ? await write(parsed.records, { now, onProgress })
    : { created: 0, updated: 0, unchanged: 0 };
  return {
    ...counts,
    dryRun,
    rows: parsed.rowCount,
    accounts: parsed.records.length,
    bad: parsed.bad,
    warnings: parsed.warnings,
  };
}
