/**
 * bench:http — the survey routes under load, against floors measured in the same run on the same
 * machine and the same DynamoDB Local:
 *
 *   (a) bare node:http answering a constant page (the survey page's bytes);
 *   (b) bare node:http doing one DynamoDB GetItem per request, then the constant page;
 *   (c) bare node:http doing the store work of a survey POST and nothing else: the same store
 *       methods with the same items (token read, response transaction, contact-touch transaction),
 *       no routing, no form parsing, no rendering; on its own set of surveys.
 *
 * The survey routes run through the local HTTP server (functions/local/http-server.ts) and the real
 * handler module, configured from env as in AWS. autocannon, 50 connections, 10 s per target
 * (BENCH_SECONDS to change), after one warm-up pass over every target (DynamoDB Local's JIT).
 * Requests rotate over many surveys on many accounts, as real answers do, so the POSTs do not all
 * fight over one survey's optimistic lock. Then the same on 10 connections and on one, where
 * latency is a request's own cost rather than time queued behind DynamoDB Local.
 *
 *   npm run bench:http
 */
import './quiet-handlers.ts';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { importRecords } from '../functions/adapters/dynamodb/account-import.ts';
import { AccountStore } from '../functions/adapters/dynamodb/account-store.ts';
import { createDocumentClient } from '../functions/adapters/dynamodb/client.ts';
import { SurveyStore } from '../functions/adapters/dynamodb/survey-store.ts';
import { ensureTable } from '../functions/adapters/dynamodb/table-admin.ts';
import { setProcessPublisher } from '../functions/adapters/eventbridge/publisher.ts';
import { parseSettings } from '../functions/config/settings.ts';
import type { ImportRecord } from '../functions/core/account.ts';
import { renderSurveyPage } from '../functions/core/survey/survey-page.ts';
import { hashToken } from '../functions/core/survey/tokens.ts';
import { freePort, startDynamoDbLocal } from '../functions/local/services.ts';
import { logger } from '../functions/shared/observability.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The logger exists once modules are loaded; quiet it for the run (one INFO line per answer otherwise).
logger.setLogLevel('ERROR');

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests?: AutocannonRequest[];
}) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const ACCOUNTS = 200;
const SURVEYS_PER_ACCOUNT = 10;
const DAY = 86_400_000;
const log = (line: string) => process.stdout.write(`${line}\n`);

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

interface Row {
  name: string;
  result: AutocannonResult;
}

async function measure(
  name: string,
  url: string,
  requests?: AutocannonRequest[],
  connections = CONNECTIONS,
): Promise<Row> {
  const opts = {
    url,
    connections,
    requests,
  };
  const result = await autocannon({ ...opts, duration: SECONDS });
  const bad = result.non2xx + result.errors + result.timeouts;
  log(
    `  ${name.padEnd(50)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms` +
      (bad ? `   (${bad} not 2xx)` : ''),
  );
  return { name, result };
}

async function main() {
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  const servers: Server[] = [];
  let stopHttp: (() => Promise<void>) | undefined;
  try {
    const tableName = 'bench-http';
    const settings = parseSettings({});
    const db = createDocumentClient({ region: 'us-east-1', ddbEndpoint: ddb.url });
    await ensureTable(db, tableName);
    const now = new Date();
    const records: ImportRecord[] = Array.from({ length: ACCOUNTS }, (_, i) => ({
      profile: {
        accountId: `acct-${i}`,
        name: `Company ${i}`,
        ownerEmail: 'owner@bench.test',
        ownerName: 'Olivia Owner',
        strategic: false,
        products: [],
      },
      contacts: [{ accountId: `acct-${i}`, email: `ana@c${i}.bench.test`, name: 'Ana Lima', primary: true }],
      lastContactAt: new Date(now.getTime() - 60 * DAY).toISOString(),
    }));
    await importRecords(new AccountStore(db, tableName, settings), records, { now });
    const surveys = new SurveyStore(db, tableName);
    const accounts = new AccountStore(db, tableName, settings);
    /** Surveys rotating over accounts, so consecutive requests hit different accounts. */
    const issueSet = async (prefix: string) => {
      const perAccount: string[][] = [];
      for (let i = 0; i < ACCOUNTS; i++) {
        const issued = await Promise.all(
          Array.from({ length: SURVEYS_PER_ACCOUNT }, (_, j) =>
            surveys.issueSurvey({
              surveyId: `${prefix}-${i}-${j}`,
              accountId: `acct-${i}`,
              contactEmail: `ana@c${i}.bench.test`,
              contactName: 'Ana Lima',
              kind: 'nps',
              sentAt: now,
              expiresAt: new Date(now.getTime() + 30 * DAY),
              ownerEmail: 'owner@bench.test',
              ownerName: 'Olivia Owner',
            }),
          ),
        );
        perAccount.push(issued.map((x) => x.token));
      }
      const rotation = Array.from({ length: SURVEYS_PER_ACCOUNT }, (_, j) =>
        perAccount.map((t) => t[j] as string),
      ).flat();
      let n = 0;
      return { rotation, next: () => rotation[n++ % rotation.length] as string };
    };
    const handlerSet = await issueSet('sv');
    const floorSet = await issueSet('floor');
    const nextToken = handlerSet.next;

    // The real handler, configured from env, behind the local HTTP server.
    Object.assign(process.env, {
      AH_TABLE_NAME: tableName,
      AH_DDB_ENDPOINT: ddb.url,
      AWS_REGION: 'us-east-1',
      // As the stack passes them: validated once, before the function starts.
      AH_SETTINGS: JSON.stringify(parseSettings({})),
    });
    setProcessPublisher({ publish: async () => undefined });
    const { handler } = await import('../functions/handlers/http.handler.ts');
    const { startHttpServer } = await import('../functions/local/http-server.ts');
    const http = await startHttpServer({
      port: 0,
      invoke: (_job, event) => handler(event),
      log: () => undefined,
    });
    stopHttp = http.stop;

    // Floors.
    const page = renderSurveyPage({
      kind: 'nps',
      token: handlerSet.rotation[0] as string,
      ownerName: 'Olivia Owner',
      contactName: 'Ana Lima',
    });
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    const constant = createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(page);
    });
    const tokenKeys = handlerSet.rotation.map((t) => ({ pk: `TOKEN#${hashToken(t)}`, sk: 'TOKEN' }));
    let getNext = 0;
    const oneGet = createServer((_req, res) => {
      db.send(
        new GetCommand({
          TableName: tableName,
          Key: tokenKeys[getNext++ % tokenKeys.length] as Record<string, string>,
        }),
      ).then(
        () => {
          res.writeHead(200, headers);
          res.end(page);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    const postWork = createServer((req, res) => {
      req.resume();
      req.on('end', async () => {
        try {
          const token = floorSet.next();
          const link = await surveys.findLink(hashToken(token), { consistent: true });
          if (!link?.surveyId) throw new Error('unknown token');
          const at = new Date();
          await surveys.recordResponse({
            accountId: link.accountId,
            surveyId: link.surveyId,
            score: 9,
            comment: 'Fast and friendly 👍',
            answeredAt: at.toISOString(),
            maxRevisions: 5,
            timelineNote: 'Survey answered: NPS 9/10',
          });
          await accounts.recordTouch(
            {
              accountId: link.accountId,
              at: at.toISOString(),
              kind: 'survey-answer',
              note: 'NPS 9/10',
              source: 'survey',
            },
            at,
          );
          res.writeHead(200, headers);
          res.end(page);
        } catch {
          res.writeHead(500);
          res.end();
        }
      });
    });
    servers.push(constant, oneGet, postWork);
    const [constantUrl, oneGetUrl, postWorkUrl] = await Promise.all(servers.map(listen));

    const postFloorRequests = [{ method: 'POST', path: '/', body: 'score=9' }];
    const getRequests: AutocannonRequest[] = [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: `/s/${nextToken()}?score=9` }) },
    ];
    const postRequests: AutocannonRequest[] = [
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: http.url },
        body: 'score=9&comment=Fast+and+friendly+%F0%9F%91%8D',
        setupRequest: (req) => ({ ...req, path: `/s/${nextToken()}` }),
      },
    ];
    const targets = {
      a: { name: '(a) node:http, constant page', url: constantUrl as string, requests: undefined },
      b: { name: '(b) node:http + 1 GetItem', url: oneGetUrl as string, requests: undefined },
      c: {
        name: "(c) node:http + the POST's store work",
        url: postWorkUrl as string,
        requests: postFloorRequests,
      },
      get: { name: 'GET  /s/{token}?score=9', url: http.url, requests: getRequests },
      post: { name: 'POST /s/{token}', url: http.url, requests: postRequests },
    };
    // Warm-up: DynamoDB Local's JIT and every server's sockets, untimed.
    for (const t of Object.values(targets))
      await autocannon({ url: t.url, connections: CONNECTIONS, duration: 3, requests: t.requests });

    log(
      `bench:http — ${CONNECTIONS} connections, ${SECONDS} s per target, DynamoDB Local, ${ACCOUNTS * SURVEYS_PER_ACCOUNT} surveys on ${ACCOUNTS} accounts`,
    );
    const run = (t: (typeof targets)[keyof typeof targets], connections = CONNECTIONS) =>
      measure(t.name, t.url, t.requests, connections);
    const a = await run(targets.a);
    const b = await run(targets.b);
    const c = await run(targets.c);
    const get = await run(targets.get);
    const post = await run(targets.post);

    const rps = (r: Row) => r.result.requests.average;
    const ratio = (x: Row, floor: Row) => `${(rps(x) / rps(floor)).toFixed(2)}×`;
    const meets = (x: Row, floor: Row) => (rps(x) >= 0.7 * rps(floor) ? 'meets ≥ 0.70×' : 'BELOW 0.70×');
    log('');
    log(`  GET  /s/{token}: ${ratio(get, b)} of (b) (${meets(get, b)}); ${ratio(get, a)} of (a)`);
    log(`  POST /s/{token}: ${ratio(post, c)} of (c) (${meets(post, c)}); ${ratio(post, b)} of (b)`);

    // Saturated, 50 connections queue behind DynamoDB Local, so latency there is mostly queueing
    // (Little's law: 50 / throughput). Fewer connections show a request's own cost. (Not autocannon's
    // fixed rate: it sends each second's quota in a burst, which queues just the same.)
    log('');
    log('  10 connections:');
    const ten = (t: (typeof targets)[keyof typeof targets]) => run(t, 10);
    const bQ = await ten(targets.b);
    const getQ = await ten(targets.get);
    const cQ = await ten(targets.c);
    const postQ = await ten(targets.post);

    // One connection: a single person clicking, nothing queued ahead of them.
    log('');
    log('  one connection (no queueing):');
    const one = (t: (typeof targets)[keyof typeof targets]) => run(t, 1);
    const b1 = await one(targets.b);
    const get1 = await one(targets.get);
    const c1 = await one(targets.c);
    const post1 = await one(targets.post);

    const p99 = (r: Row) => r.result.latency.p99;
    const under = (r: Row) => (p99(r) < 50 ? 'ok' : 'ABOVE');
    log('');
    log(
      `  p99 < 50 ms on 10 connections: GET ${p99(getQ)} ms (${under(getQ)}; floor ${p99(bQ)} ms), POST ${p99(postQ)} ms (${under(postQ)}; floor ${p99(cQ)} ms)`,
    );
    log(
      `  p99 < 50 ms on one connection: GET ${p99(get1)} ms (${under(get1)}; floor ${p99(b1)} ms), POST ${p99(post1)} ms (${under(post1)}; floor ${p99(c1)} ms)`,
    );
    // Let requests still queued in the servers finish before DynamoDB Local goes away.
    await new Promise((r) => setTimeout(r, 2000));
  } finally {
    await Promise.all(servers.map((s) => (s.listening ? close(s) : undefined)));
    await stopHttp?.();
    await ddb.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
