import type { ImportRecord } from '../account.ts';
import { type ImportFormat, readRows } from './read-rows.ts';
import { type BadRow, validateRows } from './validate-rows.ts';

export { ImportFileError } from './import-columns.ts';
export { decodeImportBytes, detectFormat, type ImportFormat } from './read-rows.ts';
export type { BadRow } from './validate-rows.ts';

/** What an import file says, checked: the records to write and the rows that were refused. */
export interface ParsedImport {
  records: ImportRecord[];
  bad: BadRow[];
  /** Not errors: unknown columns ignored, an empty file. */
  warnings: string[];
  /** Data rows read (the header and blank lines not counted). */
  rowCount: number;
}

/**
 * Reads and checks an import file's text (CSV or JSON, docs/import.md). Throws ImportFileError
 * when the file as a whole cannot be read; a bad row never throws, it is reported in `bad`.
 */
export function parseImport(text: string, format: ImportFormat, opts: { now: Date }): ParsedImport {
  const { rows, warnings } = readRows(text, format);
  const { records, bad } = validateRows(rows, opts);
  return { records, bad, warnings, rowCount: rows.length };
}
