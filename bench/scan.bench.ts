/**
 * bench:scan — one scheduler tick over 100,000 accounts of which 1% are due, on DynamoDB Local,
 * sending into SES local; and, in the same run over the same table, the naive alternative: a
 * table Scan filtered to the due accounts. Reports read amplification (due-index items read per
 * due account), all items the tick read, due accounts processed per second end to end, and the
 * Scan's items read, as ratios. Beside them: DynamoDB calls per email sent (counted by SDK
 * middleware), and the tick's throughput against a baseline loop in the same run doing only the
 * unavoidable calls per email (one conditional claim, the SES send, one completing write) at the
 * same concurrency.
 *
 *   npm run bench:scan [-- --accounts 100000 --due-pct 1]
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { accountToItem, contactToItem } from '../functions/adapters/dynamodb/account.entity.ts';
import { batchPutItems } from '../functions/adapters/dynamodb/batch.ts';
import { RecordingPublisher } from '../functions/adapters/eventbridge/publisher.ts';
import { createSesClient, SesMailer } from '../functions/adapters/ses/mailer.ts';
import { deriveAccount } from '../functions/core/account.ts';
import { scanDueAccounts } from '../functions/core/outreach/scan-due-accounts.ts';
import type { Mailer } from '../functions/core/ports.ts';
import { createScanDeps } from '../functions/handlers/wiring/outreach.ts';
import { forEachConcurrently } from '../functions/shared/concurrency.ts';
import { startBenchStack } from './bench-stack.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACCOUNTS = arg('accounts', 100_000);
const DUE_PCT = arg('due-pct', 1);
/** Accounts processed at once, by the tick and by the baseline loop alike (the scan's default). */
const CONCURRENCY = arg('concurrency', 8);
const NOW = new Date('2026-11-18T10:00:00.000Z'); // a Wednesday, 10:00 UTC: inside business hours
const DAY = 86_400_000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/**
 * With `BENCH_PROFILE=<file>`, a CPU profile of this process during the tick (open it in Chrome's
 * DevTools): where the tick's own time goes, apart from seeding and the baseline.
 */
async function startProfile() {
  const file = process.env.BENCH_PROFILE;
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main() {
  const stack = await startBenchStack({
    tableName: 'bench-scan',
    sender: 'checkins@bench.test',
    publicBaseUrl: 'http://localhost:3000',
  });
  try {
    const { runtime, db, settings } = stack;

    // Seed: key accounts, one contact each; every 100th is due (last contact 40 days ago, cadence 30).
    const dueEvery = Math.round(100 / DUE_PCT);
    const seedStart = Date.now();
    const items: Record<string, unknown>[] = [];
    let written = 0;
    const flush = async (force = false) => {
      if (items.length < 2500 && !force) return;
      const batch = items.splice(0, items.length);
      const chunks: Record<string, unknown>[][] = [];
      for (let i = 0; i < batch.length; i += 25) chunks.push(batch.slice(i, i + 25));
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < chunks.length)
            await batchPutItems({ db, tableName: runtime.tableName }, chunks[next++] ?? []);
        }),
      );
      written += batch.length;
      process.stderr.write(`\rseeding ${written.toLocaleString()} items...`);
    };
    for (let i = 0; i < ACCOUNTS; i++) {
      const accountId = `B${String(i).padStart(7, '0')}`;
      const due = i % dueEvery === 0;
      const account = deriveAccount(
        {
          accountId,
          name: `Account ${i}`,
          ownerEmail: `owner${i % 50}@bench.test`,
          ownerName: `Owner ${i % 50}`,
          annualRevenue: 500_000,
          strategic: false,
          products: ['Ledger'],
          timeZone: 'UTC',
        },
        undefined,
        settings,
        NOW,
        new Date(NOW.getTime() - (due ? 40 : 1 + (i % 25)) * DAY).toISOString(),
      );
      items.push(accountToItem(account, settings.dueShards));
      items.push(
        contactToItem({ accountId, email: `contact${i}@customer.test`, name: `Casey ${i}`, primary: true }),
      );
      await flush();
    }
    await flush(true);
    process.stderr.write('\n');
    const expectedDue = Math.ceil(ACCOUNTS / dueEvery);
    log(
      `seeded ${ACCOUNTS.toLocaleString()} accounts (${(ACCOUNTS * 2).toLocaleString()} items) in ${seconds(Date.now() - seedStart)} s; ${expectedDue} due`,
    );

    // (b) first, while every due account is still due: the naive Scan-and-filter.
    const scanStart = Date.now();
    let scanned = 0;
    let matched = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const r = await db.send(
        new ScanCommand({
          TableName: runtime.tableName,
          FilterExpression: 'entity = :a AND nextDueAt <= :now',
          ExpressionAttributeValues: { ':a': 'account', ':now': NOW.toISOString() },
          ExclusiveStartKey: startKey,
        }),
      );
      scanned += r.ScannedCount ?? 0;
      matched += r.Count ?? 0;
      startKey = r.LastEvaluatedKey;
    } while (startKey);
    const scanMs = Date.now() - scanStart;

    // (a) the tick, end to end into SES local, counting every item it reads and every call it makes.
    let allItemsRead = 0;
    let ddbCalls = 0;
    type ReadOutput = { Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]> };
    const countReads = (o: ReadOutput | undefined) =>
      (o?.Items?.length ?? 0) +
      (o?.Item ? 1 : 0) +
      Object.values(o?.Responses ?? {}).reduce((n, r) => n + r.length, 0);
    // Where a tick's time goes: calls and time in flight per DynamoDB operation.
    const perCommand = new Map<string, { calls: number; ms: number }>();
    const counting =
      (next: (args: unknown) => Promise<{ output?: ReadOutput }>, context: { commandName?: string }) =>
      async (args: unknown) => {
        ddbCalls++;
        const started = performance.now();
        const result = await next(args);
        const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
        const entry = perCommand.get(name) ?? { calls: 0, ms: 0 };
        entry.calls++;
        entry.ms += performance.now() - started;
        perCommand.set(name, entry);
        allItemsRead += countReads(result.output);
        return result;
      };
    // The stack is generic over every command's input and output; this middleware reads any of them.
    db.middlewareStack.add(counting as never, { step: 'initialize', name: 'count-items-read' });
    const mailer = new SesMailer(createSesClient(runtime.region, runtime.sesEndpoint), {
      sender: runtime.sender,
      maxPerSecond: 1000,
    });
    const ses = { calls: 0, ms: 0 };
    /** The calls so far and their mean time in flight, most time first; then counting starts again. */
    const breakdown = () => {
      const out = [...perCommand, ['SES SendEmail', ses] as const]
        .map(([name, e]) => [name, { ...e }] as const)
        .sort((a, b) => b[1].ms - a[1].ms);
      perCommand.clear();
      ses.calls = 0;
      ses.ms = 0;
      return out;
    };
    const timedMailer: Mailer = {
      pace: () => mailer.pace(),
      send: async (email) => {
        const started = performance.now();
        try {
          return await mailer.send(email);
        } finally {
          ses.calls++;
          ses.ms += performance.now() - started;
        }
      },
    };
    const wiring = createScanDeps(runtime, settings, {
      db,
      mailer: timedMailer,
      events: new RecordingPublisher(),
    });
    const profiler = await startProfile();
    const tickCpu = process.cpuUsage();
    const tickStart = Date.now();
    const report = await scanDueAccounts(wiring, { now: NOW, concurrency: CONCURRENCY });
    const tickMs = Date.now() - tickStart;
    const tickCpuMs = cpuMs(process.cpuUsage(tickCpu));
    await profiler?.stop();
    const tickCalls = ddbCalls;
    const tickBreakdown = breakdown();
    const inbox = (await (await fetch(`${runtime.sesEndpoint}/store`)).json()) as { emails: unknown[] };
    const emailsSent = inbox.emails.length;

    // (c) the baseline: only the unavoidable calls per email (one conditional claim, the SES send,
    // one completing write), for as many emails, at the same concurrency, on the same stack.
    const baselineCpu = process.cpuUsage();
    const baselineStart = Date.now();
    const html = `<p>${'x'.repeat(2_500)}</p>`;
    await forEachConcurrently(
      Array.from({ length: report.due }, (_, i) => i),
      CONCURRENCY,
      async (i) => {
        const key = { pk: `BASELINE#${i}`, sk: 'check-in' };
        await db.send(
          new PutCommand({
            TableName: runtime.tableName,
            Item: { ...key, status: 'claimed', claimId: `c${i}` },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        const { messageId } = await timedMailer.send({
          to: `baseline${i}@customer.test`,
          subject: 'Checking in',
          html,
          text: 'x'.repeat(1_200),
          tags: { kind: 'baseline' },
        });
        await db.send(
          new UpdateCommand({
            TableName: runtime.tableName,
            Key: key,
            UpdateExpression: 'SET #s = :sent, messageId = :m',
            ConditionExpression: 'claimId = :c',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':sent': 'sent', ':m': messageId, ':c': `c${i}` },
          }),
        );
      },
    );
    const baselineMs = Date.now() - baselineStart;
    const baselineCpuMs = cpuMs(process.cpuUsage(baselineCpu));
    const baselineBreakdown = breakdown();
    const tickRate = report.due / (tickMs / 1000);
    const baselineRate = report.due / (baselineMs / 1000);
    const callsPerEmail = tickCalls / Math.max(1, emailsSent);

    const amplification = report.dueItemsRead / report.due;
    log('');
    log(`accounts                         ${ACCOUNTS.toLocaleString()} (${DUE_PCT}% due)`);
    log(
      `tick: due accounts found         ${report.due} (expected ${expectedDue}); emails in SES local: ${inbox.emails.length}`,
    );
    log(
      `tick: due-index items read       ${report.dueItemsRead}  -> read amplification ${amplification.toFixed(3)} (target <= 1.1)`,
    );
    log(`tick: all items read             ${allItemsRead} (index pages + contacts + address states)`);
    log(
      `tick: end to end                 ${seconds(tickMs)} s -> ${(report.due / (tickMs / 1000)).toFixed(0)} due accounts/s sent into SES local`,
    );
    log(
      `naive Scan: items read           ${scanned.toLocaleString()} (${matched} matched) in ${seconds(scanMs)} s`,
    );
    log(
      `naive Scan ÷ tick (due index)    ${(scanned / report.dueItemsRead).toFixed(0)}x fewer items read by the tick (target >= 20x)`,
    );
    log(
      `naive Scan ÷ tick (all reads)    ${(scanned / allItemsRead).toFixed(0)}x fewer items read by the tick, counting every read`,
    );
    log(
      `tick: DynamoDB calls per email   ${callsPerEmail.toFixed(2)} (${tickCalls} calls, ${emailsSent} emails; target <= 8)`,
    );
    log(
      `baseline (claim, SES, complete)  ${seconds(baselineMs)} s -> ${baselineRate.toFixed(0)} emails/s at concurrency ${CONCURRENCY}`,
    );
    log(`tick ÷ baseline throughput       ${(tickRate / baselineRate).toFixed(2)}x (target >= 0.6)`);
    log('');
    log(
      `this process's CPU per email      tick ${(tickCpuMs / Math.max(1, emailsSent)).toFixed(2)} ms, baseline ${(baselineCpuMs / Math.max(1, report.due)).toFixed(2)} ms (planning, rendering, SDK)`,
    );
    for (const [what, rows] of [
      ['the tick', tickBreakdown],
      ['the baseline', baselineBreakdown],
    ] as const) {
      log(`where ${what} spends its time (calls, mean time in flight):`);
      for (const [name, { calls, ms }] of rows)
        log(
          `  ${name.padEnd(30)} ${String(calls).padStart(6)} calls  ${(ms / Math.max(1, calls)).toFixed(1).padStart(6)} ms`,
        );
    }
    const ok =
      report.due === expectedDue &&
      amplification <= 1.1 &&
      scanned / report.dueItemsRead >= 20 &&
      callsPerEmail <= 8 &&
      tickRate / baselineRate >= 0.6;
    log(ok ? '\nresult: targets met' : '\nresult: TARGETS MISSED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

await main();
