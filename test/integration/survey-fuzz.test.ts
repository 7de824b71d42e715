import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../functions/adapters/dynamodb/account-import.ts';
import { AddressStore } from '../../functions/adapters/dynamodb/address.entity.ts';
import { SurveyStore } from '../../functions/adapters/dynamodb/survey-store.ts';
import { RecordingPublisher, setProcessPublisher } from '../../functions/adapters/eventbridge/publisher.ts';
import { parseSettings } from '../../functions/config/settings.ts';
import { normalizeComment } from '../../functions/core/survey/answer.ts';
import type { HttpEvent, HttpResult } from '../../functions/handlers/http-router.ts';
import { contact, DAY, importRecord } from '../support/builders.ts';
import { seededRandom } from '../support/faults.ts';
import { httpEvent, type RequestSpec } from '../support/http-event.ts';
import { createTestTable, type TestTable, tableSnapshot } from '../support/local-aws.ts';

/**
 * Thousands of malformed and hostile requests through the real Lambda handler (built from env,
 * as in AWS) against DynamoDB Local: never a 5xx, and nothing written unless the request was a
 * valid answer or unsubscribe. Seeded: FUZZ_SEED=<n> reproduces a run; failures print their seed
 * and index.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const HOSTILE_REQUESTS = 2400;
const VALID_ANSWERS = 200;

const rand = seededRandom(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
const chance = (p: number) => rand() < p;

const NASTY = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE accounts; --",
  `$\{7*7}{{7*7}}`,
  '\u202e\u0000\u0007\u001b[31m',
  'Zoë 日本語 😀 🇩🇪 \u200d',
  '%00%2e%2e%2f',
  '../../etc/passwd',
  'A'.repeat(300),
  '\ud800',
  '\udfff\ud800',
  'Evil\r\nBcc: attacker@evil.example\r\n\r\n<h1>pwn</h1>',
  '\u001b]0;title\u0007\u001b]8;;https://evil.test\u001b\\link\u009b2J\u2066\u2028',
];
const ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~.%+=&?#/\\ <>"\'`é日😀\u0000\n';

function randomString(max: number): string {
  const chars = [...ALPHABET];
  return Array.from({ length: int(max) }, () => pick(chars)).join('');
}

/** encodeURIComponent, except that lone surrogates (which it refuses) pass through raw. */
function encodeLoosely(text: string): string {
  return [...text]
    .map((c) => (/[\ud800-\udfff]/.test(c) && c.length === 1 ? c : encodeURIComponent(c)))
    .join('');
}

function randomBytes(n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, () => int(256)));
}

function tamper(token: string): string {
  const chars = [...token];
  switch (int(6)) {
    case 0: {
      const i = int(chars.length);
      const c = chars[i] === 'A' ? 'B' : 'A';
      chars[i] = c;
      return chars.join('');
    }
    case 1:
      return token.slice(0, int(token.length));
    case 2:
      return token + pick(['A', '=', '%3D', '.', '/', '%20']);
    case 3:
      return token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase();
    case 4:
      return encodeURIComponent(token)
        .replace(/./, (c) => `%${c.charCodeAt(0).toString(16)}`)
        .slice(0, -1);
    default:
      return `${token.slice(0, 10)}${pick(['%ZZ', '%C0%AF', '%E2%82', '%25', '%2F', '%00'])}${token.slice(12)}`;
  }
}

interface Links {
  nps: string;
  csat: string;
  expiredSurvey: string;
  unsubscribe: string;
  expiredUnsubscribe: string;
}

type Expect = 'ok-no-write' | 'refused';
interface Case {
  what: string;
  spec: RequestSpec;
  expect: Expect;
}

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

function hostileCase(links: Links): Case {
  const validSurvey = () => pick([links.nps, links.csat]);
  const anyToken = () => pick(Object.values(links));
  const prefix = () => pick(['/s/', '/u/']);
  switch (int(11)) {
    case 0: {
      const token = randomString(60);
      return {
        what: 'random token',
        spec: { method: pick(['GET', 'POST', 'HEAD']), url: `${prefix()}${encodeURIComponent(token)}` },
        expect: 'refused',
      };
    }
    case 1:
      return {
        what: 'tampered token',
        spec: {
          method: pick(['GET', 'POST']),
          url: `${prefix()}${tamper(anyToken())}`,
          headers: formHeaders,
          body: 'score=9&comment=x',
        },
        expect: 'refused',
      };
    case 2: {
      const expired = pick([links.expiredSurvey, links.expiredUnsubscribe]);
      const onSurvey = expired === links.expiredSurvey;
      return {
        what: 'expired token',
        spec: {
          method: pick(['GET', 'POST']),
          url: `${onSurvey ? pick(['/s/', '/u/']) : '/u/'}${expired}?score=9`,
          headers: formHeaders,
          body: 'score=9',
        },
        expect: 'refused',
      };
    }
    case 3: {
      const size = 24 * 1024 + 1 + int(200_000);
      const base64 = chance(0.5);
      const raw = `score=9&comment=${'x'.repeat(size)}`;
      return {
        what: `huge body (${size} bytes${base64 ? ', base64' : ''})`,
        spec: {
          method: 'POST',
          url: `${prefix()}${pick([validSurvey(), links.unsubscribe])}`,
          headers: formHeaders,
          body: base64 ? Buffer.from(raw).toString('base64') : raw,
          isBase64Encoded: base64,
        },
        expect: 'refused',
      };
    }
    case 4:
      return {
        what: 'wrong method',
        spec: {
          method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'get ']),
          url: `${pick(['/s/', '/u/', '/health', '/'])}${pick([validSurvey(), links.unsubscribe, ''])}`,
          headers: formHeaders,
          body: 'score=9',
        },
        expect: 'refused',
      };
    case 5: {
      const bodies = [
        `score=${pick(['11', '-1', '7.5', '1e1', '', 'NaN', '%3A', '０', ' 9x', '99999999999999999999'])}`,
        'score=%ZZ',
        'score=9&comment=%E2%82',
        'score=9&comment=%FF%FE%FD',
        'score=9&comment=%ED%A0%80',
        'score=9&score=10',
        `score=9&comment=${encodeURIComponent('x'.repeat(2001))}`,
        `score=9&comment=${'%F0%9F%98%80'.repeat(2001)}`,
        'comment=no+score',
        '',
        '&&&===',
        `score=9&comment=${pick(['\ud800', 'a\udfffb'])}`,
      ];
      const body = pick(bodies);
      return {
        what: `bad form body ${JSON.stringify(body.slice(0, 40))}`,
        spec: { method: 'POST', url: `/s/${validSurvey()}`, headers: formHeaders, body },
        expect: 'refused',
      };
    }
    case 6: {
      const bytes = randomBytes(1 + int(64));
      bytes[0] = 0xff; // never valid UTF-8
      return {
        what: 'invalid UTF-8 body',
        spec: {
          method: 'POST',
          url: `/s/${validSurvey()}`,
          headers: formHeaders,
          body: bytes.toString('base64'),
          isBase64Encoded: true,
        },
        expect: 'refused',
      };
    }
    case 7:
      return {
        what: 'wrong content type',
        spec: {
          method: 'POST',
          url: `/s/${validSurvey()}`,
          headers: {
            'content-type': pick([
              'application/json',
              'multipart/form-data; boundary=x',
              'text/plain',
              'text/html',
              'application/xml',
            ]),
          },
          body: pick(['{"score":9}', 'score=9', '<score>9</score>', '--x\r\n\r\n9\r\n--x--']),
        },
        expect: 'refused',
      };
    case 8:
      return {
        what: 'foreign origin',
        spec: {
          method: 'POST',
          url: `${prefix()}${pick([validSurvey(), links.unsubscribe])}`,
          headers: {
            ...formHeaders,
            ...pick<Record<string, string>>([
              {
                origin: pick([
                  'https://evil.test',
                  'https://links.example.test.evil.test',
                  'http://links.example.test:8443',
                  'https://links.example.tes',
                  'javascript:alert(1)',
                  'data:text/html,x',
                  'garbage',
                  '*',
                  'null',
                ]),
              },
              { 'sec-fetch-site': 'cross-site' },
              { 'Sec-Fetch-Site': 'cross-site', origin: 'https://links.example.test' },
              { referer: pick(['https://evil.test/x', 'file:///tmp/a.html', 'about:blank']) },
            ]),
          },
          body: `score=9&comment=${encodeLoosely(pick(NASTY))}`,
        },
        expect: 'refused',
      };
    case 9:
      return {
        what: 'odd path',
        spec: {
          method: pick(['GET', 'POST']),
          url: pick([
            '/s',
            '/s/',
            '/u/',
            '//s//',
            `/s/${validSurvey()}/extra`,
            `/s/${validSurvey()}%2Fx`,
            `/S/${validSurvey()}`,
            '/s/%',
            '/s/%E0%A4%A',
            '/s/%C0%AF',
            '/s/%00',
            '/u/%2e%2e',
            '/../etc/passwd',
            `/${randomString(30).replace(/[?#]/g, '')}`,
            '/health/../s',
          ]),
        },
        expect: 'refused',
      };
    default: {
      // Valid GETs with hostile query strings: a page, and still nothing written.
      const token = pick([links.nps, links.csat, links.unsubscribe]);
      const q = pick([
        `score=${encodeLoosely(pick(NASTY))}`,
        'score=%ZZ',
        'score=9&score=10',
        `score=${int(20) - 5}`,
        `${randomString(40).replace(/#/g, '')}`,
        'score=%F0%9F%98%80',
      ]);
      return {
        what: 'valid GET, hostile query',
        spec: {
          method: pick(['GET', 'HEAD']),
          url: `/${token === links.unsubscribe ? 'u' : 's'}/${token}?${q}`,
        },
        expect: 'ok-no-write',
      };
    }
  }
}

// A bare profile: no owner name, revenue, product or time zone.
const accountRecord = (id: string, lastContactAt: string) =>
  importRecord(id, {
    profile: { ownerName: undefined, annualRevenue: undefined, products: [], timeZone: undefined },
    contacts: [contact(id, `ana@${id}.test`)],
    lastContactAt,
  });

let table: TestTable;
let handler: (event: HttpEvent) => Promise<HttpResult>;
let surveys: SurveyStore;
let addresses: AddressStore;
const events = new RecordingPublisher();
const envBefore = { ...process.env };

const snapshot = () => tableSnapshot(table);

async function runAll(cases: Case[], concurrency = 8): Promise<Array<{ c: Case; r: HttpResult; i: number }>> {
  const out: Array<{ c: Case; r: HttpResult; i: number }> = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const i = next++;
        const c = cases[i] as Case;
        out.push({ c, i, r: await handler(httpEvent(c.spec)) });
      }
    }),
  );
  return out.sort((a, b) => a.i - b.i);
}

let links: Links;

beforeAll(async () => {
  table = await createTestTable('survey-fuzz');
  const now = new Date();
  await importRecords(
    table.store,
    [accountRecord('acme', new Date(now.getTime() - 60 * DAY).toISOString())],
    {
      now,
    },
  );
  // The real handler, configured from the environment as in AWS.
  Object.assign(process.env, {
    AH_TABLE_NAME: table.runtime.tableName,
    AH_DDB_ENDPOINT: table.runtime.ddbEndpoint,
    AH_PUBLIC_BASE_URL: 'https://links.example.test',
    // Every valid answer below must be stored as sent: no revision cap in the way.
    AH_SETTINGS: JSON.stringify(parseSettings({ surveys: { maxRevisions: VALID_ANSWERS } })),
  });
  delete process.env.AH_BUS_NAME;
  setProcessPublisher(events);
  ({ handler } = await import('../../functions/handlers/http.handler.ts'));
  surveys = new SurveyStore(table.db, table.runtime.tableName);
  addresses = new AddressStore(table.db, table.runtime.tableName);
  const base = {
    accountId: 'acme',
    contactEmail: 'ana@acme.test',
    sentAt: now,
    ownerEmail: 'owner@owners.test',
    ownerName: '<b>Olivia</b>',
  };
  const future = new Date(now.getTime() + 30 * DAY);
  const past = new Date(now.getTime() - DAY);
  links = {
    nps: (await surveys.issueSurvey({ ...base, surveyId: 'nps-1', kind: 'nps', expiresAt: future })).token,
    csat: (await surveys.issueSurvey({ ...base, surveyId: 'csat-1', kind: 'csat', expiresAt: future })).token,
    expiredSurvey: (await surveys.issueSurvey({ ...base, surveyId: 'old-1', kind: 'nps', expiresAt: past }))
      .token,
    unsubscribe: (await surveys.issueUnsubscribeToken({ ...base, expiresAt: future })).token,
    expiredUnsubscribe: (await surveys.issueUnsubscribeToken({ ...base, expiresAt: past })).token,
  };
});

afterAll(async () => {
  process.env = envBefore;
  await table.drop();
});

describe(`survey link fuzzing (seed ${SEED})`, () => {
  it(`answers ${HOSTILE_REQUESTS} malformed and hostile requests with 4xx, never a 5xx, and writes nothing`, async () => {
    const before = await snapshot();
    const cases = Array.from({ length: HOSTILE_REQUESTS }, () => hostileCase(links));
    const results = await runAll(cases);

    const failures = results
      .filter(({ c, r }) =>
        c.expect === 'ok-no-write'
          ? r.statusCode !== 200
          : !(r.statusCode && r.statusCode >= 400 && r.statusCode < 500),
      )
      .map(
        ({ c, r, i }) => `#${i} ${c.what}: ${c.spec.method} ${c.spec.url.slice(0, 80)} -> ${r.statusCode}`,
      );
    expect(failures, `seed ${SEED}`).toEqual([]);
    for (const { r } of results) {
      expect(r.headers?.['content-security-policy']).toMatch(/default-src 'none'/);
      expect(String(r.body)).not.toMatch(/<script|\n\s+at |ECONN|TypeError|ReferenceError|URIError/);
    }
    const kinds = new Set(cases.map((c) => c.what.split(' (')[0]?.split(' "')[0]));
    expect(kinds.size).toBeGreaterThanOrEqual(11);
    expect(await snapshot()).toEqual(before);
    expect(events.events).toEqual([]);
    expect((await addresses.get('ana@acme.test')).optedOutAt).toBeUndefined();
  });

  it(`records ${VALID_ANSWERS} valid answers with hostile comments and odd encodings, as sent`, async () => {
    const cases: Array<{ spec: RequestSpec; score: number; comment: string; kind: 'nps' | 'csat' }> = [];
    for (let i = 0; i < VALID_ANSWERS; i++) {
      const kind = pick(['nps', 'csat'] as const);
      const score = kind === 'nps' ? int(11) : 1 + int(5);
      const comment = `${pick(NASTY.filter((n) => !/[\ud800-\udfff]/.test(n) || /\ud83d/.test(n)))} ${randomString(40).replace(/[\ud800-\udfff]/g, '')}`;
      const body = new URLSearchParams({ score: String(score), comment }).toString();
      const encoded = chance(0.3)
        ? body.replace(/%20|\+/g, () => pick(['+', '%20']))
        : body
            .split(/(%[0-9A-F]{2})/)
            .map((part) =>
              part.startsWith('%')
                ? part
                : part.replace(/[A-Za-z]/g, (c) => (chance(0.1) ? `%${c.charCodeAt(0).toString(16)}` : c)),
            )
            .join('');
      const base64 = chance(0.5);
      cases.push({
        kind,
        score,
        comment,
        spec: {
          method: 'POST',
          url: `/s/${links[kind]}?score=${pick(['1', 'x', '<b>'])}`,
          headers: {
            ...(chance(0.8) ? formHeaders : {}),
            ...pick<Record<string, string>>([
              {},
              { 'sec-fetch-site': 'same-origin', origin: 'https://links.example.test' },
              { origin: 'https://links.example.test' },
              { Origin: 'https://links.example.test' },
            ]),
          },
          body: base64 ? Buffer.from(encoded).toString('base64') : encoded,
          isBase64Encoded: base64,
        },
      });
    }
    for (const [i, c] of cases.entries()) {
      const r = await handler(httpEvent(c.spec));
      const why = /<h1>(.*?)<\/h1>|role="alert"[^>]*>(.*?)</.exec(String(r.body));
      expect(
        r.statusCode,
        `seed ${SEED} #${i} ${why?.[1] ?? why?.[2]} ${JSON.stringify(c.spec).slice(0, 200)}`,
      ).toBe(200);
      expect(String(r.body)).not.toContain('<script>');
      const survey = await surveys.getSurvey('acme', c.kind === 'nps' ? 'nps-1' : 'csat-1');
      expect(survey?.score).toBe(c.score);
      expect(survey?.comment).toBe(normalizeComment(c.comment));
    }
    // One response per survey, however often it was answered.
    const responses = await surveys.listResponsesSince();
    expect(responses.map((r) => r.surveyId).sort()).toEqual(
      [...new Set(cases.map((c) => (c.kind === 'nps' ? 'nps-1' : 'csat-1')))].sort(),
    );
    // Survey Answered only when the stored answer changed (a repeat of the stored answer is no event).
    const stored = new Map<string, string>();
    let changes = 0;
    for (const c of cases) {
      const id = c.kind === 'nps' ? 'nps-1' : 'csat-1';
      const answer = JSON.stringify([c.score, normalizeComment(c.comment)]);
      if (stored.get(id) !== answer) changes++;
      stored.set(id, answer);
    }
    expect(events.events).toHaveLength(changes);

    // And the answered page re-renders every stored comment escaped.
    const page = await handler(httpEvent({ url: `/s/${links.nps}` }));
    expect(page.statusCode).toBe(200);
  });

  it('opts out on a valid one-click POST after all that', async () => {
    const r = await handler(
      httpEvent({
        method: 'POST',
        url: `/u/${links.unsubscribe}`,
        headers: formHeaders,
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    expect(r.statusCode).toBe(200);
    expect((await addresses.get('ana@acme.test')).optedOutAt).toBeDefined();
  });
});
