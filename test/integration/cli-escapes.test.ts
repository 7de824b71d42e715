import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { contact, importRecord } from '../support/builders.ts';
import { runCli, tableEnv } from '../support/cli.ts';
import { createTestTable, type TestTable } from '../support/local-aws.ts';

/**
 * Text stored before the edges refused it (or written by any other path) must still never reach a
 * terminal raw: colours, OSC 8 links, window-title changes, C1 CSI, bidi overrides.
 */
const NOW = new Date('2026-11-22T12:00:00Z');
const EVIL_NAME = '\x1b]0;pwned\x07Evil\x1b[31m Corp\u009b2J\u202E';
const EVIL_OWNER = '\x1b]8;;https://evil.example\x1b\\Click\x1b]8;;\x1b\\';
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

let t: TestTable;
beforeAll(async () => {
  t = await createTestTable('cli-escapes');
  await importRecords(
    t.store,
    [
      importRecord('EVIL-1', {
        profile: { name: EVIL_NAME, ownerName: EVIL_OWNER, segment: 'seg\x1b[2K' },
        contacts: [contact('EVIL-1', 'c@evil.example', { name: 'Dana\x1b[8m' })],
      }),
    ],
    { now: NOW },
  );
});
afterAll(async () => {
  await t.drop();
});

describe('the CLI never prints a control character from stored text', () => {
  it.each([
    ['accounts', ['accounts']],
    ['account', ['account', 'EVIL-1']],
  ])('%s escapes ESC, OSC 8, title changes, C1 and bidi', async (_name, args) => {
    const r = await runCli(args, tableEnv(t));
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(UNSAFE);
    expect(r.err).not.toMatch(UNSAFE);
    expect(r.out).toContain('\\x1b]0;pwned\\x07Evil');
  });

  it('--json stays valid JSON with the same values, the unsafe ones as \\u escapes', async () => {
    const r = await runCli(['accounts', '--json'], tableEnv(t));
    expect(r.out).not.toMatch(UNSAFE);
    const [account] = JSON.parse(r.out);
    expect(JSON.stringify(account)).toContain('Evil');
    expect(r.out).toContain('\\u009b2J\\u202e');
  });
});
