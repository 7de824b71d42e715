/**
 * `npm start`: the whole stack on one machine. DynamoDB Local (persisted under AH_DATA_DIR), SES v2
 * local with its inbox, the jobs' handlers behind a local HTTP server, their schedules and the
 * in-process event bus. Ctrl-C stops everything it started; a second Ctrl-C forces the exit.
 *
 * Only node built-ins are imported statically: the environment below must be in place before the
 * AWS SDK and the handlers' modules load.
 */
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { DEMO_MARKER_KEY } from '../adapters/dynamodb/keys.ts';
import type { JobDefinition } from '../jobs.ts';

// README recommends Node 22; on Node 20 the SDK would print its upgrade notice on every client.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Readable handler logs, and no metrics output, on a developer's terminal.
process.env.POWERTOOLS_DEV ??= 'true';
// The local stack must never reach a real AWS account, whatever the shell exports: every client
// has an endpoint override, and these stand-in credentials make a missing override fail loudly.
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;
// Events go to the in-process bus, never to a deployed one.
delete process.env.AH_BUS_NAME;

/** A problem the user can fix; printed as its message alone, without a stack. */
class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

interface LocalConfig {
  httpPort: number;
  sesPort: number;
  ddbPort: number;
  dataDir: string;
  schedules: boolean;
  demo: boolean;
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new StartupError(`${name} must be a port number between 1 and 65535, not "${raw}".`);
  return port;
}

const isOff = (value: string | undefined) => /^(off|false|0|no)$/i.test(value?.trim() ?? '');

function readLocalConfig(env: NodeJS.ProcessEnv): LocalConfig {
  const config = {
    httpPort: portFrom(env, 'AH_HTTP_PORT', 3000),
    sesPort: portFrom(env, 'AH_SES_PORT', 8005),
    ddbPort: portFrom(env, 'AH_DDB_PORT', 8000),
    dataDir: resolve(env.AH_DATA_DIR || '.data'),
    schedules: !isOff(env.AH_SCHEDULES),
    demo: !isOff(env.AH_DEMO),
  };
  const ports = [config.httpPort, config.sesPort, config.ddbPort];
  if (new Set(ports).size !== ports.length)
    throw new StartupError(
      `AH_HTTP_PORT, AH_SES_PORT and AH_DDB_PORT must differ (got ${ports.join(', ')}).`,
    );
  return config;
}

function listenOnce(port: number, host: string | undefined): Promise<void> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => ok()));
  });
}

/** Fails with a message naming the port and its variable when something already listens there. */
async function assertPortFree(port: number, envName: string): Promise<void> {
  try {
    // The loopback address our services use, and every interface (DynamoDB Local binds them all).
    await listenOnce(port, '127.0.0.1');
    await listenOnce(port, undefined);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new StartupError(
        `Port ${port} (${envName}) is already in use. Is another \`npm start\` running? ` +
          `Stop it, or choose another port, e.g. ${envName}=${port + 1} npm start`,
      );
    if (code === 'EACCES')
      throw new StartupError(`Port ${port} (${envName}) needs privileges; choose a port above 1024.`);
    throw e;
  }
}

type Stoppable = { name: string; stop: () => Promise<void> };

const started: Stoppable[] = [];
let shuttingDown = false;

async function own(name: string, stop: () => Promise<void>): Promise<void> {
  started.push({ name, stop });
  // Started while a shutdown was already under way: stop it at once.
  if (shuttingDown) await stopAll();
}

async function stopAll(): Promise<void> {
  while (started.length > 0) {
    const s = started.pop() as Stoppable;
    try {
      await s.stop();
    } catch (e) {
      console.error(`Could not stop ${s.name} cleanly: ${(e as Error).message}`);
    }
  }
}

/**
 * A second signal this soon after the first is the same Ctrl-C delivered twice: the terminal signals
 * the whole process group, and tsx's CLI relays the signal to us again when we report it slowly.
 */
const SAME_SIGNAL_MS = 750;
let firstSignalAt = 0;

function shutdown(signal: string): void {
  if (shuttingDown && Date.now() - firstSignalAt < SAME_SIGNAL_MS) return;
  if (shuttingDown) {
    console.error('\nForced exit.');
    // The DynamoDB Local guard kills Java when our end of its stdin pipe closes, i.e. now.
    process.exit(1);
  }
  shuttingDown = true;
  firstSignalAt = Date.now();
  console.log(`\n${signal}: stopping the local stack (Ctrl-C again to force)...`);
  stopAll().then(
    () => {
      console.log('Stopped.');
      process.exit(0);
    },
    () => process.exit(1),
  );
}

const pad = (label: string) => `  ${label.padEnd(16)}`;

/** `AH_NOW`: the time `npm start` pretends it is, for the demo book and the suggested tick. */
function readClock(env: NodeJS.ProcessEnv): { now: () => Date; pretend: boolean } {
  const raw = env.AH_NOW?.trim();
  if (!raw) return { now: () => new Date(), pretend: false };
  const at = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(at))
    throw new StartupError(`AH_NOW must be an ISO date and time, e.g. 2026-11-28T22:00:00Z, not "${raw}".`);
  const offset = at - Date.now();
  return { now: () => new Date(Date.now() + offset), pretend: true };
}

/** Stage timings, printed with AH_TIMINGS=1 (see bench/start.bench.ts). */
const timings: [string, number][] = [];

async function main(): Promise<void> {
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const began = Date.now();
  const mark = (stage: string) => timings.push([stage, Date.now() - began]);

  const config = readLocalConfig(process.env);
  const clock = readClock(process.env);
  const { checkJava, JavaMissingError, startDynamoDbLocal, startSesLocal } = await import('./services.ts');
  try {
    checkJava();
  } catch (e) {
    if (e instanceof JavaMissingError) throw new StartupError(e.message);
    throw e;
  }
  await assertPortFree(config.ddbPort, 'AH_DDB_PORT');
  await assertPortFree(config.sesPort, 'AH_SES_PORT');
  await assertPortFree(config.httpPort, 'AH_HTTP_PORT');
  mark('checks');

  console.log(`Starting the local stack (data in ${config.dataDir})...`);
  // The endpoints are known before the services answer: every module loaded from here on (handlers
  // included) reads them, so the code loads while Java starts instead of after.
  process.env.AH_DDB_ENDPOINT = `http://127.0.0.1:${config.ddbPort}`;
  process.env.AH_SES_ENDPOINT = `http://127.0.0.1:${config.sesPort}`;
  const dbPath = resolve(config.dataDir, 'dynamodb');
  const [ddb, ses, code] = await Promise.all([
    startDynamoDbLocal({ port: config.ddbPort, dataDir: dbPath, fastStart: true }).then(async (s) => {
      mark('DynamoDB Local answers');
      await own('DynamoDB Local', s.stop);
      return s;
    }),
    startSesLocal({ port: config.sesPort }).then(async (s) => {
      await own('SES local', s.stop);
      return s;
    }),
    loadCode(config).then((c) => {
      mark('code loaded');
      return c;
    }),
  ]);
  if (shuttingDown) return;

  const { runtime, settings, db, store, ensureTable, JOBS, bus, invoke, startHttpServer, startScheduler } =
    code;
  await own('DynamoDB client', async () => db.destroy());
  await ensureTable(db, runtime.tableName);
  mark('table');

  const demo = config.demo ? await seedDemoOnce(store, db, runtime.tableName, clock.now()) : undefined;
  mark('demo book');
  if (shuttingDown) return;

  await own('event bus', () => bus.idle());
  const http = await startHttpServer({ port: config.httpPort, invoke });
  await own('HTTP server', http.stop);

  const scheduler = config.schedules ? startScheduler({ invoke }) : undefined;
  if (scheduler) await own('scheduler', scheduler.stop);
  if (shuttingDown) return;
  mark('HTTP and schedules');

  const { relative, tryLines, wallTime } = await import('./first-tick.ts');
  const lines = [
    '',
    'account-health local stack',
    `${pad('Inbox (SES)')}${ses.url}`,
    `${pad('HTTP')}http://localhost:${http.port}/health`,
    `${pad('DynamoDB Local')}${ddb.url}  (table ${runtime.tableName}, data in ${dbPath})`,
  ];
  if (!demo) lines.push(`${pad('Demo book')}off (AH_DEMO=off)`);
  else if (demo.seededNow)
    lines.push(`${pad('Demo book')}${demo.accounts} accounts of ${demo.owners} owners, seeded now`);
  else
    lines.push(
      `${pad('Demo book')}${demo.accounts} accounts, seeded ${demo.seededAt.slice(0, 10)} (delete ${config.dataDir} to reset)`,
    );
  if (clock.pretend) lines.push(`${pad('Clock')}AH_NOW: the demo book and the tick below take it as now`);
  if (!scheduler) {
    lines.push(`${pad('Schedules')}off (AH_SCHEDULES=off): run a job with \`npx account-health run <job>\``);
  } else if (scheduler.entries.length === 0) {
    lines.push(`${pad('Schedules')}none in the jobs table yet`);
  } else {
    const entries = scheduler.entries;
    const width = (pick: (e: (typeof entries)[number]) => string) =>
      Math.max(...entries.map((e) => pick(e).length));
    const [jobW, exprW, zoneW] = [width((e) => e.job), width((e) => e.expression), width((e) => e.timeZone)];
    scheduler.entries.forEach((e, i) => {
      const next = e.next
        ? `next ${wallTime(e.next, e.timeZone)} (${relative(e.next.getTime() - Date.now())})`
        : 'will not fire again';
      lines.push(
        `${pad(i === 0 ? 'Schedules' : '')}${e.job.padEnd(jobW)}  ${e.expression.padEnd(exprW)}  ${e.timeZone.padEnd(zoneW)}  ${next}`,
      );
    });
  }
  const eventJobs = JOBS.filter((j) => j.trigger.kind === 'event').map((j) => j.name);
  lines.push(
    `${pad('Events')}logged below as they happen${eventJobs.length ? `; delivered to ${eventJobs.join(', ')}` : ''}`,
  );
  lines.push('', ...tryLines(clock, settings));
  lines.push(`Stop:  Ctrl-C   (ready in ${((Date.now() - began) / 1000).toFixed(1)} s)`);
  if (process.env.AH_TIMINGS === '1')
    lines.push(`Timings: ${timings.map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
  lines.push('Local stack ready.');
  console.log(lines.join('\n'));
}

/**
 * Everything the stack runs, loaded (and transpiled, under tsx) while DynamoDB Local starts. Only
 * the endpoints must be in the environment first; nothing here talks to a service yet.
 */
async function loadCode(config: LocalConfig) {
  const { localRuntime } = await import('../config/runtime.ts');
  const runtime = localRuntime(process.env);
  process.env.AH_TABLE_NAME = runtime.tableName;
  process.env.AWS_REGION = runtime.region;
  if (runtime.sender) process.env.AH_SENDER ??= runtime.sender;
  if (runtime.publicBaseUrl) process.env.AH_PUBLIC_BASE_URL ??= runtime.publicBaseUrl;

  const { loadSettings } = await import('../config/settings.ts');
  const { createDocumentClient } = await import('../adapters/dynamodb/client.ts');
  const { ensureTable } = await import('../adapters/dynamodb/table-admin.ts');
  const { AccountStore } = await import('../adapters/dynamodb/account-store.ts');
  const settings = loadSettings(process.env);
  const db = createDocumentClient(runtime);
  const store = new AccountStore(db, runtime.tableName, settings);
  if (config.demo) {
    await import('./demo-book.ts');
    await import('../adapters/dynamodb/account-import.ts');
  }

  const { JOBS } = await import('../jobs.ts');
  const { describeError, invokeJob, loadJobHandler } = await import('./host.ts');
  const { jobRunner } = await import('../handlers/wiring/jobs.ts');
  // Every job runs as its function would, wired from this runtime and settings, its events on the
  // in-process bus (one runner per job, built on its first invocation).
  const runners = new Map<string, ReturnType<typeof jobRunner>>();
  const invoke = async (job: JobDefinition, event: unknown) => {
    let runner = runners.get(job.name);
    if (!runner) {
      runner = jobRunner(job.name, runtime, settings, { events: bus });
      runners.set(job.name, runner);
    }
    return invokeJob(job, event, await runner);
  };

  const { LocalEventBus, setLocalPublisher } = await import('./bus.ts');
  const bus: InstanceType<typeof LocalEventBus> = new LocalEventBus({ invoke });
  setLocalPublisher(bus);

  // A stray rejection in a handler fails that invocation in Lambda, not the whole local stack.
  process.on('unhandledRejection', (error) => console.error(`Unhandled rejection: ${describeError(error)}`));
  // Load every handler now: a broken module fails the start, not the first request an hour later.
  await Promise.all(JOBS.map((job) => loadJobHandler(job)));
  const { startHttpServer } = await import('./http-server.ts');
  const { startScheduler } = await import('./scheduler.ts');
  return { runtime, settings, db, store, ensureTable, JOBS, bus, invoke, startHttpServer, startScheduler };
}

/** The demo-book marker: its presence means this data directory was seeded already. */
const DEMO_MARKER = DEMO_MARKER_KEY;

interface DemoState {
  seededNow: boolean;
  accounts: number;
  owners: number;
  seededAt: string;
}

async function seedDemoOnce(
  store: import('../adapters/dynamodb/account-store.ts').AccountStore,
  db: import('@aws-sdk/lib-dynamodb').DynamoDBDocumentClient,
  tableName: string,
  now: Date,
): Promise<DemoState> {
  const { GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const marker = await db.send(
    new GetCommand({ TableName: tableName, Key: DEMO_MARKER, ConsistentRead: true }),
  );
  if (marker.Item)
    return {
      seededNow: false,
      accounts: Number(marker.Item.accounts ?? 0),
      owners: Number(marker.Item.owners ?? 0),
      seededAt: String(marker.Item.seededAt ?? ''),
    };

  const { generateDemoBook } = await import('./demo-book.ts');
  const { importRecords } = await import('../adapters/dynamodb/account-import.ts');
  const records = generateDemoBook(now);
  const owners = new Set(records.map((r) => r.profile.ownerEmail)).size;
  const began = Date.now();
  process.stdout.write(`Seeding the demo book: ${records.length} accounts...`);
  // Transactions, not BatchWriteItem: DynamoDB Local on disk commits a transaction at once and a
  // batch item by item, which made seeding ten times slower (see ImportOptions.transactions).
  const result = await importRecords(store, records, { now, transactions: true });
  console.log(` done in ${((Date.now() - began) / 1000).toFixed(1)} s (${result.created} created).`);
  // Written last: a start interrupted while seeding seeds again next time (the import is an upsert).
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...DEMO_MARKER,
        entity: 'meta',
        seededAt: now.toISOString(),
        accounts: records.length,
        owners,
      },
    }),
  );
  return { seededNow: true, accounts: records.length, owners, seededAt: now.toISOString() };
}

main().catch(async (error: unknown) => {
  if (shuttingDown) return;
  shuttingDown = true;
  const e = error as Error;
  const known = e instanceof StartupError || e?.name === 'ConfigError';
  console.error(`\nThe local stack could not start: ${known ? e.message : (e?.message ?? String(e))}`);
  if (!known && process.env.AH_DEBUG) console.error(e?.stack);
  else if (!known) console.error('(Set AH_DEBUG=1 to see the stack trace.)');
  await stopAll();
  process.exit(1);
});
