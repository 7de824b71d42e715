/**
 * `npm run bench:start`: how long `npm start` takes to be ready on this machine, against how long
 * DynamoDB Local alone takes to answer its first request, in one run. Each round starts, on fresh
 * data directories, first a bare DynamoDB Local (persisted, as `npm start` runs it) and times it to
 * its first answer, then `npm start` itself (demo book seeded, schedules on) and times it to its
 * ready line; both are stopped before the next. Target (issue 16): ready within 3x DynamoDB Local
 * alone, seeding in well under 2 s, on a busy machine (run it with `yes >/dev/null` twice beside it).
 * `npm start` starts Java with quick-start flags (FAST_START_JVM): DynamoDB Local alone is timed
 * both without them (the target's baseline) and with them (information: the same JVM).
 * Once ready, each round also pastes the scan line `npm start` printed, as the README's quick start
 * says, and times it to the first email to a customer in SES local's inbox (target: within a minute).
 * BENCH_ROUNDS changes the number of rounds (default 3); medians are reported.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../functions/local/host.ts';
import { FAST_START_JVM, freePort } from '../functions/local/services.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_RATIO = 3;
const MAX_SEED_S = 2;
const MAX_FIRST_MAIL_S = 60;
const require = createRequire(import.meta.url);

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

/**
 * A bare DynamoDB Local on a fresh data directory: spawn to its first answer. `jvm`: the flags
 * `npm start` adds (fastStart in functions/local/services.ts), or none, as README's java line.
 */
async function dynamoDbAlone(jvm: string[]): Promise<number> {
  const dir = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const data = mkdtempSync(join(tmpdir(), 'ah-bench-ddb-'));
  const port = await freePort();
  const began = performance.now();
  const java = spawn(
    process.env.AH_JAVA ?? 'java',
    [
      ...jvm,
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-dbPath',
      data,
      '-sharedDb',
      '-port',
      String(port),
      '-disableTelemetry',
    ],
    { stdio: 'ignore' },
  );
  try {
    for (;;) {
      if (java.exitCode !== null) throw new Error(`DynamoDB Local exited with ${java.exitCode}`);
      const answered = await fetch(`http://127.0.0.1:${port}`, {
        method: 'POST',
        signal: AbortSignal.timeout(1000),
      }).then(
        (r) => r.status > 0,
        () => false,
      );
      if (answered) return (performance.now() - began) / 1000;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await stop(java, 'SIGTERM');
    rmSync(data, { recursive: true, force: true });
  }
}

interface StartRun {
  readyS: number;
  seedS: number;
  /** From pasting the printed scan line to the first email to a customer in the inbox. */
  firstMailS: number;
  timings: string;
}

/** Customers of the demo book are under `.example` domains; owners and the team under example.com. */
async function customerMailIn(sesPort: number): Promise<boolean> {
  const r = await fetch(`http://127.0.0.1:${sesPort}/store`);
  const { emails } = (await r.json()) as { emails: { destination: { to: string[] } }[] };
  return emails.some((e) => e.destination.to.some((to) => /\.example$/.test(to)));
}

/** Runs the scan line `npm start` printed as its own CLI process; seconds to the first customer email. */
async function firstMailAfterScanLine(out: string, ports: { http: number; ses: number; ddb: number }) {
  const line = /npx account-health run scan(?: --now \S+)?/.exec(out)?.[0];
  if (!line) throw new Error(`npm start printed no scan line:\n${out}`);
  const began = performance.now();
  const cli = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin/account-health.mjs'), ...line.replace(/^npx account-health\s+/, '').split(/\s+/)],
    {
      env: {
        ...process.env,
        AH_HTTP_PORT: String(ports.http),
        AH_SES_PORT: String(ports.ses),
        AH_DDB_PORT: String(ports.ddb),
      },
      stdio: 'ignore',
    },
  );
  let exited = false;
  const exit = new Promise<void>((r) => cli.once('exit', () => r()));
  void exit.then(() => {
    exited = true;
  });
  let firstMailS = Number.NaN;
  while (Number.isNaN(firstMailS)) {
    const wasExited = exited;
    if (await customerMailIn(ports.ses)) firstMailS = (performance.now() - began) / 1000;
    else if (wasExited) break;
    else await new Promise((r) => setTimeout(r, 100));
  }
  await exit;
  return firstMailS;
}

/** `npm start` on a fresh data directory: spawn to its "Local stack ready." line. */
async function npmStart(): Promise<StartRun> {
  const data = mkdtempSync(join(tmpdir(), 'ah-bench-start-'));
  const [http, ses, ddb] = [await freePort(), await freePort(), await freePort()];
  const began = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      AH_DATA_DIR: data,
      AH_HTTP_PORT: String(http),
      AH_SES_PORT: String(ses),
      AH_DDB_PORT: String(ddb),
      AH_TIMINGS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  try {
    const readyS = await new Promise<number>((resolve, reject) => {
      const check = () => {
        if (out.includes('Local stack ready.')) resolve((performance.now() - began) / 1000);
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before ready:\n${out}`)));
    });
    const seed = /Seeding the demo book: \d+ accounts\.\.\. done in ([\d.]+) s/.exec(out);
    if (!seed) throw new Error(`npm start did not seed the demo book:\n${out}`);
    const firstMailS = await firstMailAfterScanLine(out, { http, ses, ddb });
    return {
      readyS,
      seedS: Number(seed[1]),
      firstMailS,
      timings: /^Timings: (.*)$/m.exec(out)?.[1] ?? '',
    };
  } finally {
    // npm runs the stack in a child of its own: signal the whole process group, as Ctrl-C does.
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
    rmSync(data, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const s = (x: number) => `${x.toFixed(1)} s`;

async function main(): Promise<void> {
  console.log(
    `bench:start: ${ROUNDS} round(s) on ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const rows: { ddbS: number; fastS: number; run: StartRun }[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const ddbS = await dynamoDbAlone([]);
    const fastS = await dynamoDbAlone(FAST_START_JVM);
    const run = await npmStart();
    rows.push({ ddbS, fastS, run });
    console.log(
      `round ${i}: DynamoDB Local alone ${s(ddbS)} (with npm start's JVM flags ${s(fastS)}), ` +
        `npm start ready ${s(run.readyS)} (${(run.readyS / ddbS).toFixed(2)}x; ${(run.readyS / fastS).toFixed(2)}x), ` +
        `seeding ${s(run.seedS)}, first customer mail ${s(run.firstMailS)} after the scan line\n` +
        `         stages: ${run.timings}`,
    );
  }
  const ddbS = median(rows.map((r) => r.ddbS));
  const fastS = median(rows.map((r) => r.fastS));
  const fastRatio = median(rows.map((r) => r.run.readyS / r.fastS));
  const readyS = median(rows.map((r) => r.run.readyS));
  const seedS = median(rows.map((r) => r.run.seedS));
  const ratio = median(rows.map((r) => r.run.readyS / r.ddbS));
  // A round that never mailed a customer counts as missed (NaN sorts as a miss, never as fast).
  const mails = rows.map((r) => r.run.firstMailS);
  const firstMailS = mails.some(Number.isNaN) ? Number.NaN : median(mails);
  console.log(
    [
      '',
      `median  DynamoDB Local alone, first answer   ${s(ddbS)}`,
      `        npm start, ready (demo book seeded)  ${s(readyS)}`,
      `        ratio                                ${ratio.toFixed(2)}x   (target ≤ ${MAX_RATIO}x)`,
      `        DynamoDB Local alone, npm start's JVM flags ${s(fastS)}, ratio ${fastRatio.toFixed(2)}x (information)`,
      `        seeding ${'300 accounts'.padEnd(29)}${s(seedS)}   (target < ${MAX_SEED_S} s)`,
      `        first customer mail after the scan line ${s(firstMailS)}   (target ≤ ${MAX_FIRST_MAIL_S} s)`,
      `        load average after                   ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      '',
      ratio <= MAX_RATIO && seedS < MAX_SEED_S && firstMailS <= MAX_FIRST_MAIL_S
        ? 'result: targets met'
        : 'result: TARGETS MISSED',
    ].join('\n'),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
