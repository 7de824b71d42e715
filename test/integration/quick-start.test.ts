import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../functions/local/host.ts';
import { spawnCli } from '../support/cli.ts';
import {
  interrupt,
  killLeftovers,
  launch,
  removeTempDirs,
  STACK_TEST_CEILING_MS,
  type Stack,
  tempDir,
  waitForReady,
} from '../support/npm-start.ts';
import type { StoredEmail } from '../support/ses-inbox.ts';

/**
 * The README's quick start, followed as a new user would on the worst day for it: a Saturday night,
 * when every contact is outside business hours. `npm start` as the README says (on a clock set with
 * AH_NOW, and without schedules, so that only the commands below send anything), then the commands
 * of the README's quick start, with the scan line `npm start` printed.
 */

const run = promisify(execFile);

/** The commands of the README's quick start, after "Then, in another terminal:", comments cut off. */
function quickStartCommands(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## How it works'));
  const block = /Then, in another terminal:\s*```\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** The last Saturday, 22:30 UTC, before now: the weekend everywhere the demo book has customers. */
function lastSaturdayNight(now = new Date()): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 22, 30));
  while (at.getUTCDay() !== 6 || at > now) at.setUTCDate(at.getUTCDate() - 1);
  return at;
}

/** Runs an `npx account-health ...` line of the README against the stack, as its own process. */
async function cli(stack: Stack, line: string) {
  const r = await spawnCli(line.replace(/^npx account-health\s+/, '').split(/\s+/), {
    ...process.env,
    AH_DDB_PORT: String(stack.ports.ddb),
    AH_SES_PORT: String(stack.ports.ses),
    AH_HTTP_PORT: String(stack.ports.http),
  });
  expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
  return r;
}

async function inbox(stack: Stack): Promise<StoredEmail[]> {
  const r = await fetch(`http://127.0.0.1:${stack.ports.ses}/store`);
  return ((await r.json()) as { emails: StoredEmail[] }).emails;
}

/** Customers of the demo book are under `.example` domains; owners and the team under example.com. */
const toCustomer = (e: StoredEmail) => e.destination.to.some((to) => /\.example$/.test(to));

/** The kinds of email the scan sends to customers (owner notes and review reminders go to owners). */
const CUSTOMER_KINDS = ['check-in', 'survey', 'survey reminder', 'birthday greeting', 'anniversary greeting'];

/** The scan summary's "sent:" line as counts by kind: "3 check-ins, 1 birthday greeting". */
function sentByKind(summary: string): Map<string, number> {
  const line = /^ {2}sent: +(.*)$/m.exec(summary)?.[1] ?? '';
  const counts = new Map<string, number>();
  for (const m of line.matchAll(/(\d+) ([a-z -]+?)s?(?:,|$)/g)) counts.set(m[2] ?? '', Number(m[1]));
  return counts;
}

let stack: Stack;
const saturdayNight = lastSaturdayNight();

beforeAll(async () => {
  stack = await launch({ AH_DATA_DIR: tempDir(), AH_NOW: saturdayNight.toISOString() });
  await waitForReady(stack);
}, STACK_TEST_CEILING_MS);

afterAll(async () => {
  if (stack) await interrupt(stack);
  killLeftovers();
  removeTempDirs();
});

describe('the README quick start, on a Saturday night', () => {
  it(
    'puts mail to customers in the inbox within a minute with the scan line npm start prints',
    async () => {
      expect(quickStartCommands()).toContain('npx account-health run scan');
      const printed = /npx account-health run scan(?: --now \S+)?/.exec(stack.output())?.[0];
      expect(printed, stack.output()).toBeDefined();
      const tick = new Date(/--now (\S+)/.exec(printed ?? '')?.[1] ?? Number.NaN);
      // On a weekend the tick is the next working day's first busy hour, not a date in the past.
      expect(tick.getTime()).toBeGreaterThan(saturdayNight.getTime());
      expect([1, 2, 3, 4, 5]).toContain(tick.getUTCDay());
      expect(tick.getTime() - saturdayNight.getTime()).toBeLessThan(3 * 24 * 3_600_000);

      // The promise: mail to customers in the inbox within a minute of pasting the line.
      const began = Date.now();
      let done = false;
      const scan = cli(stack, printed as string).finally(() => {
        done = true;
      });
      let firstMailAfter = Number.POSITIVE_INFINITY;
      while (!done && firstMailAfter === Number.POSITIVE_INFINITY) {
        if ((await inbox(stack)).some(toCustomer)) firstMailAfter = Date.now() - began;
        else await new Promise((r) => setTimeout(r, 250));
      }
      const { stdout } = await scan;
      if (firstMailAfter === Number.POSITIVE_INFINITY && (await inbox(stack)).some(toCustomer))
        firstMailAfter = Date.now() - began;
      expect(firstMailAfter, stdout).toBeLessThan(60_000);
      const sent = sentByKind(stdout);
      const toCustomers = CUSTOMER_KINDS.reduce((n, kind) => n + (sent.get(kind) ?? 0), 0);
      expect(toCustomers, stdout).toBeGreaterThan(0);
      // The summary counts every email the scan sent to a customer, greetings included.
      expect((await inbox(stack)).filter(toCustomer)).toHaveLength(toCustomers);
    },
    STACK_TEST_CEILING_MS,
  );

  it(
    'writes the digest preview where lint does not look',
    async () => {
      const line = quickStartCommands().find((c) => c.includes(' digest-preview '));
      expect(line).toBeDefined();
      const { stdout } = await cli(stack, line as string);
      const file = /Wrote (.+): open it in a browser/.exec(stdout)?.[1] ?? '';
      expect(existsSync(file), stdout).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain('<html');

      // What `npm test` runs first: it must still pass with the preview in the checkout.
      const lint = await run('npx', ['biome', 'check', '.'], { cwd: REPO_ROOT }).then(
        () => ({ code: 0, output: '' }),
        (e: { code?: number; stdout?: string; stderr?: string }) => ({
          code: e.code ?? 1,
          output: `${e.stdout}${e.stderr}`,
        }),
      );
      expect(lint.code, lint.output.slice(-3000)).toBe(0);
    },
    STACK_TEST_CEILING_MS,
  );
});
