/** Plain-text output helpers for the CLI: aligned tables and relative dates. */

export function table(headers: string[], rows: string[][]): string {
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
  const when = days === 0 ? 'today' : days < 0 ? `${-days} days ago` : `in ${days} days`;
  return `${iso.slice(0, 10)} (${when})`;
}

/** Next-due cell: "overdue 12 days" reads faster than a date in the past. */
export function dueCell(iso: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000);
  if (Date.parse(iso) <= now.getTime()) return days === 0 ? 'due now' : `overdue ${days}d`;
  return relativeDate(iso, now);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
