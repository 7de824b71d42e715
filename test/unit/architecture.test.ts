import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering ARCHITECTURE.md promises, checked on the source text: who may import whom, what the
 * core may not touch, and the size of a file. A rule broken here is a design decision to discuss,
 * not a line to silence.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const PRODUCTION_ROOTS = ['functions', 'lib', 'bin'];
/** Generated demo data: long by nature, no logic worth splitting. */
const LONG_FILES_ALLOWED = new Set(['functions/local/demo-book.ts']);
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs)$/.test(e.name) ? [path] : [];
  });
}

const files = PRODUCTION_ROOTS.flatMap(sourceFiles);
const text = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));

/** Every module a file imports: repository paths for our own files, package names otherwise. */
function importsOf(file: string, { valuesOnly = false } = {}): string[] {
  const src = text.get(file) ?? '';
  const statements = [...src.matchAll(/^(import\s+type\b)?[^;]*?(?:\bfrom|\bimport)\s*\(?\s*'([^']+)'/gm)];
  const specs = statements.filter((m) => !(valuesOnly && m[1])).map((m) => m[2] as string);
  return specs.map((s) => (s.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), s)) : s));
}

const isComment = (line: string) => /^\s*(\/\/|\/?\*)/.test(line);
const codeLines = (file: string) => (text.get(file) ?? '').split('\n').filter((line) => !isComment(line));

const layerOf = (path: string) => path.split('/').slice(0, 2).join('/');

function violations(
  from: string,
  forbidden: (target: string) => boolean,
  options: { valuesOnly?: boolean } = {},
): string[] {
  return files
    .filter((f) => f.startsWith(`${from}/`))
    .flatMap((f) =>
      importsOf(f, options)
        .filter(forbidden)
        .map((t) => `${f} imports ${t}`),
    );
}

describe('architecture', () => {
  it('keeps every production file under 400 lines', () => {
    const long = files
      .filter((f) => !LONG_FILES_ALLOWED.has(f))
      .map((f) => ({ f, lines: (text.get(f) ?? '').replace(/\n$/, '').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it.each([
    'functions/core',
    'functions/adapters',
    'functions/config',
    'functions/shared',
    'functions/schedule',
  ])('%s imports nothing from handlers, local or cli', (layer) => {
    const outer = ['functions/handlers', 'functions/local', 'functions/cli'];
    expect(violations(layer, (t) => outer.includes(layerOf(t)))).toEqual([]);
  });

  it('keeps the core free of AWS SDKs and of other layers', () => {
    const allowed = ['functions/core', 'functions/shared', 'functions/config'];
    expect(
      violations(
        'functions/core',
        (t) => t.startsWith('@aws-sdk/') || (t.startsWith('functions/') && !allowed.includes(layerOf(t))),
      ),
    ).toEqual([]);
  });

  it('keeps config, schedule and shared below the adapters', () => {
    expect(violations('functions/config', (t) => layerOf(t) === 'functions/adapters')).toEqual([]);
    expect(
      violations('functions/shared', (t) => t.startsWith('functions/') && layerOf(t) !== 'functions/shared'),
    ).toEqual([]);
    const belowSchedule = ['functions/schedule', 'functions/core', 'functions/shared'];
    expect(
      violations(
        'functions/schedule',
        (t) => t.startsWith('functions/') && !belowSchedule.includes(layerOf(t)),
      ),
    ).toEqual([]);
  });

  it('lets the CLI reach AWS only through adapters', () => {
    // A type names a client; only a value import can call AWS.
    expect(violations('functions/cli', (t) => t.startsWith('@aws-sdk/'), { valuesOnly: true })).toEqual([]);
  });

  it('takes time and randomness into the core only through ports', () => {
    const impure = /\bDate\.now\(|new Date\(\)|\brandomBytes\b|\brandomUUID\b|\bMath\.random\(/;
    const offenders = files
      .filter((f) => f.startsWith('functions/core/'))
      .flatMap((f) =>
        (text.get(f) ?? '')
          .split('\n')
          .map((line, i) => ({ line, i }))
          .filter(({ line }) => impure.test(line) && !isComment(line))
          .map(({ i }) => `${f}:${i + 1}`),
      );
    expect(offenders).toEqual([]);
  });

  it('spells DynamoDB key prefixes only in keys.ts', () => {
    const prefix = /['`][A-Z][A-Z_]*#/;
    const offenders = files
      .filter((f) => f !== 'functions/adapters/dynamodb/keys.ts')
      .filter((f) => codeLines(f).some((line) => prefix.test(line)));
    expect(offenders).toEqual([]);
  });

  it('spells each event detail-type in exactly one production file', () => {
    const eventFiles = files.filter((f) => f.startsWith('functions/core/events/'));
    const names = eventFiles.flatMap((f) =>
      [...(text.get(f) ?? '').matchAll(/export const [A-Z_]+ = '([A-Z][a-z-]+(?: [A-Z][a-z-]+)+)'/g)].map(
        (m) => m[1] as string,
      ),
    );
    expect(names).toContain('Survey Answered');
    expect(names).toContain('Complaint Filed');
    const spelledIn = (name: string) =>
      files.filter((f) =>
        codeLines(f).some((line) => line.includes(`'${name}'`) || line.includes(`"${name}"`)),
      );
    const elsewhere = names
      .filter((n) => spelledIn(n).length !== 1)
      .map((n) => `${n}: ${spelledIn(n).join(', ')}`);
    expect(elsewhere).toEqual([]);
  });
});
