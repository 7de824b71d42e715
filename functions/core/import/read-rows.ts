import { parse } from 'csv-parse/sync';
import {
  type Column,
  emptyFields,
  ImportFileError,
  isColumn,
  normalizeColumnName,
  type RawRow,
  REQUIRED_COLUMNS,
} from './import-columns.ts';
import { type ReadRows, readJsonRows } from './read-json-rows.ts';

export { type ReadRows, readAccountObject, readJsonRows } from './read-json-rows.ts';

export type ImportFormat = 'csv' | 'json';

/**
 * Turns file bytes into text: UTF-8 (with or without BOM) or UTF-16 with a BOM (Excel's
 * "Unicode text"). Anything else is refused rather than imported as mojibake.
 */
export function decodeImportBytes(bytes: Uint8Array): string {
  try {
    // Fatal, whatever the encoding: text that does not decode is refused, never stored as U+FFFD.
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      'the file is not UTF-8 text (an export in a legacy code page?); save it as "CSV UTF-8" and try again',
    );
  }
}

/** CSV or JSON, by the file extension, else by the first character of the text. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'csv') return 'csv';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

export function readRows(text: string, format: ImportFormat): ReadRows {
  return format === 'json' ? readJsonRows(text) : readCsvRows(text);
}

// --- CSV -------------------------------------------------------------------------------------

const LF = 0x0a;
const CR = 0x0d;

/** Line breaks in a string: CRLF, LF and a lone CR each count once. */
function breaksIn(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === LF || (c === CR && value.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * Counts line breaks in the bytes as the parser moves on, so each record gets the line it starts on
 * (csv-parse's own `lines` counts a CRLF inside a quoted cell twice).
 */
class LineCounter {
  private cursor = 0;
  private breaks = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** Line breaks that end before byte offset `to`. */
  breaksBefore(to: number): number {
    const b = this.bytes;
    for (let i = this.cursor; i < to; i++) {
      const c = b[i];
      if (c === LF || (c === CR && b[i + 1] !== LF)) this.breaks++;
    }
    this.cursor = Math.max(this.cursor, to);
    return this.breaks;
  }

  /** The line on which a record that ends at byte offset `end` (after its delimiter) starts. */
  startLine(end: number, cells: string[]): number {
    const last = this.bytes[end - 1];
    const endedWithBreak = last === LF || last === CR;
    const lastLine = this.breaksBefore(end) + (endedWithBreak ? 0 : 1);
    let inside = 0;
    for (const c of cells) if (c.length > 0) inside += breaksIn(c);
    return lastLine - inside;
  }
}

interface CsvError extends Error {
  code?: string;
}

/**
 * Reads CSV as spreadsheets and CRM tools write it: a header row, a BOM or not, CRLF, LF or CR
 * (mixed too), quoted cells with commas or line breaks, blank lines and rows of empty cells
 * (skipped), stray quotes inside unquoted cells, spaces around cells.
 */
export function readCsvRows(text: string): ReadRows {
  const bytes = Buffer.from(text, 'utf8');
  const lines = new LineCounter(bytes);
  const warnings: string[] = [];
  const rows: RawRow[] = [];
  let header: (Column | undefined)[] | undefined;
  let width = 0;
  try {
    parse(bytes, {
      bom: true,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (cells: string[], context: { bytes: number }) => {
        const line = lines.startLine(context.bytes, cells);
        if (!header) {
          header = readHeader(cells, warnings);
          width = cells.length;
          return null;
        }
        rows.push(csvRow(cells, header, width, rows.length + 1, line));
        return null;
      },
    });
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    const err = e as CsvError;
    if (err.code?.startsWith('CSV_') || err.code?.startsWith('INVALID_'))
      throw new ImportFileError(`the file is not valid CSV: ${err.message}`);
    throw e;
  }
  if (!header) throw new ImportFileError('the file is empty: expected a header row naming the columns');
  if (rows.length === 0) warnings.push('the file has a header but no data rows');
  return { rows, warnings };
}

function readHeader(cells: string[], warnings: string[]): (Column | undefined)[] {
  const seen = new Set<Column>();
  const header = cells.map((cell, i) => {
    const name = normalizeColumnName(cell);
    if (!isColumn(name)) {
      warnings.push(
        name
          ? `unknown column "${cell.trim()}" ignored`
          : `column ${i + 1} has no name in the header and is ignored`,
      );
      return undefined;
    }
    if (seen.has(name)) throw new ImportFileError(`the header names the column ${name} twice`);
    seen.add(name);
    return name;
  });
  if (seen.size === 0)
    throw new ImportFileError(
      `the first row must be a header naming the columns (${REQUIRED_COLUMNS.join(', ')}, ...); none of its cells is a known column`,
    );
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length)
    throw new ImportFileError(
      `the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
  return header;
}

function csvRow(
  cells: string[],
  header: (Column | undefined)[],
  width: number,
  row: number,
  line: number,
): RawRow {
  const fields = emptyFields();
  for (let i = 0; i < header.length; i++) {
    const col = header[i];
    if (col) fields[col] = (cells[i] ?? '').trim();
  }
  let problem: string | undefined;
  if (cells.length < width) problem = `has ${cells.length} cells but the header has ${width} columns`;
  else if (cells.slice(width).some((c) => c.trim() !== ''))
    problem = `has ${cells.length} cells but the header has ${width} columns (a comma in a value that is not in quotes?)`;
  return { row, line, where: `row ${row} (line ${line})`, fields, problem };
}
