import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('production code', () => {
  it('never issues a DynamoDB Scan (every read is a key lookup or a Query on an index)', () => {
    const files = [...sources('functions'), ...sources('lib'), ...sources('bin')];
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) =>
      /\bScan(Command|Input)\b|\bpaginateScan\b|\.scan\(/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
