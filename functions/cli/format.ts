import { escapeForTerminal } from '../core/text-policy.ts';
import { relativeDays } from '../core/wording.ts';

/**
 * Output helpers for the CLI: aligned tables, relative dates, and the one way it prints. Every
 * value may come from a CRM or a survey answer, so nothing reaches the terminal unescaped: text
 * goes out through writeOut/writeErr (control characters shown as \xNN, lines kept), JSON through
 * printJson (the same characters as JSON \u escapes, so the value parses back unchanged).
 */

/** Text with every control character escaped except the line breaks that shape the output. */
export const terminalSafe = (text: string) => text.split('\n').map(escapeForTerminal).join('\n');

export function writeOut(text: string): void {
  process.stdout.write(terminalSafe(text));
}

export function writeErr(text: string): void {
  process.stderr.write(terminalSafe(text));
}

export function table(headers: string[], cells: string[][]): string {
  // A cell is one line: its own line breaks are escaped too, so rows stay rows.
  const rows = cells.map((r) => r.map(escapeForTerminal));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...c].length)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** "2026-11-02 (20 days ago)", "2026-12-01 (in 9 days)", "today". */
export function relativeDate(iso: string | undefined, now: Date): string {
  if (!iso) return 'never';
  // Whole days, as the health reasons count them (16.6 days ago is 16 days ago).
  const days = Math.trunc((Date.parse(iso) - now.getTime()) / 86_400_000);
  return `${iso.slice(0, 10)} (${relativeDays(days)})`;
}

/** Next-due cell: "overdue 12 days" reads faster than a date in the past. */
export function dueCell(iso: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000);
  if (Date.parse(iso) <= now.getTime()) return days === 0 ? 'due now' : `overdue ${days}d`;
  return relativeDate(iso, now);
}

/** JSON.stringify escapes C0 controls and lone surrogates; these it leaves raw (C1, separators, bidi). */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function jsonText(value: unknown): string {
  const json = JSON.stringify(value, null, 2) ?? 'null';
  return json.replace(JSON_UNSAFE, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${jsonText(value)}\n`);
}
