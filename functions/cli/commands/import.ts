import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importRecords, previewImport } from '../../adapters/dynamodb/account-import.ts';
import type { AccountStore } from '../../adapters/dynamodb/account-store.ts';
import { type ImportReport, importAccounts } from '../../core/import/import-accounts.ts';
import { decodeImportBytes, ImportFileError } from '../../core/import/parse-import.ts';
import { printJson, writeErr, writeOut } from '../format.ts';
import type { CommandKit } from '../program.ts';

interface ImportOptions {
  dryRun?: boolean;
  json?: boolean;
}

export type { ImportReport };

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
};

/**
 * Reads the file and runs the import use case (core/import/import-accounts.ts) on the store.
 * Throws ImportFileError when the file as a whole cannot be read as an import.
 */
export async function importFile(
  path: string,
  deps: { store: AccountStore; now: Date },
  opts: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  const bytes = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    const why = READ_ERRORS[e.code ?? ''];
    throw why ? new Error(`cannot read ${path}: ${why}`) : e;
  });
  const { store } = deps;
  return importAccounts(
    {
      accounts: {
        upsert: (records, o) => importRecords(store, records, o),
        preview: (records, o) => previewImport(store, records, o),
      },
    },
    { fileName: path, text: decodeImportBytes(bytes), now: deps.now, dryRun: opts.dryRun },
    opts.onProgress,
  );
}

/** Below this many accounts an import is over before a progress line would help. */
const PROGRESS_FROM = 500;
const BAD_ROWS_SHOWN = 200;

/**
 * Progress on stderr: one line redrawn in place on a terminal, a line per 10% otherwise (CI logs).
 */
function progressLine(stream: NodeJS.WriteStream, verb: string) {
  const tty = !!stream.isTTY;
  let lastDraw = 0;
  let lastTenth = 0;
  let drawn = false;
  return {
    update(done: number, total: number) {
      if (total < PROGRESS_FROM) return;
      const pct = Math.floor((done * 100) / total);
      const text = `${verb} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} accounts (${pct}%)`;
      if (tty) {
        const t = Date.now();
        if (t - lastDraw < 100 && done < total) return;
        lastDraw = t;
        drawn = true;
        stream.write(`\r\x1b[K${text}`);
      } else if (Math.floor(pct / 10) > lastTenth) {
        lastTenth = Math.floor(pct / 10);
        stream.write(`${text}\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}

const n = (count: number) => count.toLocaleString('en-US');
const plural = (count: number, word: string) => `${n(count)} ${word}${count === 1 ? '' : 's'}`;

function printHuman(file: string, r: ImportReport): void {
  const out: string[] = [`${file}: ${plural(r.rows, 'row')}, ${plural(r.accounts, 'account')} to import.`];
  out.push(
    r.dryRun
      ? `Dry run, nothing written: would create ${n(r.created)}, update ${n(r.updated)}, leave ${n(r.unchanged)} unchanged.`
      : `Done: ${n(r.created)} created, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged.`,
  );
  for (const w of r.warnings) out.push(`warning: ${w}`);
  if (r.bad.length) {
    out.push(
      '',
      `${plural(r.bad.length, 'bad row')}, not imported (row: data rows counted from 1 after the header; line: the line in the file, as a spreadsheet numbers it):`,
    );
    for (const b of r.bad.slice(0, BAD_ROWS_SHOWN))
      out.push(`  ${b.where}${b.accountId ? `, account ${b.accountId}` : ''}: ${b.reason}`);
    if (r.bad.length > BAD_ROWS_SHOWN)
      out.push(`  ... and ${plural(r.bad.length - BAD_ROWS_SHOWN, 'more bad row')}; --json lists them all`);
  }
  writeOut(`${out.join('\n')}\n`);
}

export function registerImport(program: Command, kit: CommandKit): void {
  program
    .command('import')
    .description(
      'Upsert accounts and contacts from a CSV or JSON file (docs/import.md); exit code 1 when any row was bad',
    )
    .argument('<file>', 'a .csv or .json file')
    .option('--dry-run', 'check the file and say what would change, without writing anything')
    .option('--json', 'print JSON for machines')
    .action(
      kit.action(async (file: string, opts: ImportOptions) => {
        const { store, now } = kit.context();
        const progress = opts.json
          ? undefined
          : progressLine(process.stderr, opts.dryRun ? 'checking' : 'importing');
        let report: ImportReport;
        try {
          report = await importFile(
            file,
            { store, now: now() },
            { dryRun: opts.dryRun, onProgress: progress?.update },
          );
        } catch (e) {
          if (!(e instanceof ImportFileError)) throw e;
          if (opts.json)
            printJson({ error: e.message, created: 0, updated: 0, unchanged: 0, bad: [], warnings: [] });
          else writeErr(`error: ${file}: ${e.message}. Nothing was imported.\n`);
          return 1;
        } finally {
          progress?.finish();
        }
        if (opts.json)
          printJson({
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            bad: report.bad.map((b) => ({
              row: b.row,
              line: b.line,
              where: b.where,
              accountId: b.accountId,
              reason: b.reason,
            })),
            warnings: report.warnings,
            dryRun: report.dryRun,
            rows: report.rows,
            accounts: report.accounts,
          });
        else printHuman(file, report);
        return report.bad.length ? 1 : 0;
      }),
    );
}
