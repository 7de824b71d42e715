import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkJava, JavaMissingError } from '../../functions/local/services.ts';

const root = mkdtempSync(join(tmpdir(), 'ah-java-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fake Java home: `bin/java` prints `versionLine` to stderr; `release` states `release` if given. */
function fakeJava(name: string, opts: { release?: string; versionLine: string }): string {
  const home = join(root, name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  const bin = join(home, 'bin', 'java');
  writeFileSync(bin, `#!/bin/sh\necho '${opts.versionLine}' >&2\n`);
  chmodSync(bin, 0o755);
  if (opts.release)
    writeFileSync(join(home, 'release'), `IMPLEMENTOR="Test"\nJAVA_VERSION="${opts.release}"\n`);
  return bin;
}

describe('the Java check before DynamoDB Local starts', () => {
  it('accepts a Java 17 home by its release file, without starting it', () => {
    // The binary claims Java 11: only the release file is read, so no JVM starts.
    const bin = fakeJava('jdk17', { release: '17.0.15', versionLine: 'openjdk version "11.0.2"' });
    expect(() => checkJava(bin)).not.toThrow();
  });

  it('refuses a Java 11 home, naming the version found', () => {
    const bin = fakeJava('jdk11', { release: '11.0.2', versionLine: 'openjdk version "11.0.2"' });
    expect(() => checkJava(bin)).toThrow(JavaMissingError);
    expect(() => checkJava(bin)).toThrow(/is Java 11/);
  });

  it('asks `java -version` when the home has no release file', () => {
    expect(() => checkJava(fakeJava('old', { versionLine: 'java version "1.8.0_422"' }))).toThrow(
      /is Java 8/,
    );
    expect(() =>
      checkJava(fakeJava('new', { versionLine: 'openjdk version "21.0.1" 2023-10-17' })),
    ).not.toThrow();
  });

  it('says so when no java is on PATH', () => {
    expect(() => checkJava(join(root, 'nowhere', 'java'))).toThrow(/no `.*java` was found on PATH/);
  });
});
