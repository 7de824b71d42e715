import { request } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JobDefinition } from '../../functions/jobs.ts';
import { type RunningHttpServer, startHttpServer } from '../../functions/local/http-server.ts';

const job: JobDefinition = {
  name: 'echo',
  description: 'test routes',
  entry: 'unused.ts',
  trigger: {
    kind: 'http',
    routes: [
      { method: 'GET', path: '/s/{token}' },
      { method: 'POST', path: '/s/{token}' },
    ],
  },
  needs: { table: 'read' },
};

/** Posts a body in chunks without a content-length, as a streaming client would. */
function postChunked(
  url: string,
  chunks: number,
  chunkBytes: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/octet-stream' } },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (let i = 0; i < chunks; i++) req.write(Buffer.alloc(chunkBytes, 120));
    req.end();
  });
}

describe('the local HTTP server with a stand-in handler', () => {
  let server: RunningHttpServer;
  let events: APIGatewayProxyEventV2[] = [];
  let reply: (event: APIGatewayProxyEventV2) => Promise<unknown>;
  const log: string[] = [];

  beforeAll(async () => {
    server = await startHttpServer({
      port: 0,
      jobs: [job],
      invoke: async (_job, event) => {
        events.push(event);
        return reply(event);
      },
      log: (l) => log.push(l),
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  const reset = (fn: (event: APIGatewayProxyEventV2) => Promise<unknown>) => {
    events = [];
    reply = fn;
  };

  it('turns a request into an API Gateway payload 2.0 event', async () => {
    reset(async () => ({ statusCode: 204 }));
    await fetch(`${server.url}/s/abc%20def?score=9&x=1&x=2`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Custom-Header': 'Yes',
        Cookie: 'a=1; b=2',
        'User-Agent': 'vitest',
      },
      body: 'score=9&comment=Gr%C3%BC%C3%9Fe',
    });
    const e = events[0];
    expect(e).toMatchObject({
      version: '2.0',
      routeKey: 'POST /s/{token}',
      rawPath: '/s/abc%20def',
      rawQueryString: 'score=9&x=1&x=2',
      queryStringParameters: { score: '9', x: '1,2' },
      pathParameters: { token: 'abc def' },
      cookies: ['a=1', 'b=2'],
      body: 'score=9&comment=Gr%C3%BC%C3%9Fe',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/s/abc def', sourceIp: '127.0.0.1', userAgent: 'vitest' },
        routeKey: 'POST /s/{token}',
        stage: '$default',
      },
    });
    expect(e?.headers['x-custom-header']).toBe('Yes');
    expect(e?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(e?.headers.cookie).toBeUndefined();
    expect(Object.keys(e?.headers ?? {}).every((k) => k === k.toLowerCase())).toBe(true);
    expect(typeof e?.requestContext.timeEpoch).toBe('number');
  });

  it('passes a binary body base64-encoded and leaves out what a plain GET does not have', async () => {
    reset(async () => ({ statusCode: 200, body: '' }));
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await fetch(`${server.url}/s/t1`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    await fetch(`${server.url}/s/t1`);
    const [post, get] = events;
    expect(post?.isBase64Encoded).toBe(true);
    expect(Buffer.from(post?.body ?? '', 'base64')).toEqual(bytes);
    expect(get?.body).toBeUndefined();
    expect(get?.isBase64Encoded).toBe(false);
    expect(get?.queryStringParameters).toBeUndefined();
    expect(get?.cookies).toBeUndefined();
    expect(get?.rawQueryString).toBe('');
  });

  it('writes the structured result back: status, headers, cookies and a base64 body', async () => {
    reset(async () => ({
      statusCode: 201,
      headers: { 'Content-Type': 'image/png', 'X-Answer': 42 },
      cookies: ['s=1; HttpOnly', 't=2; Secure'],
      body: Buffer.from([137, 80, 78, 71]).toString('base64'),
      isBase64Encoded: true,
    }));
    const res = await fetch(`${server.url}/s/t2`);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-answer')).toBe('42');
    expect(res.headers.getSetCookie()).toEqual(['s=1; HttpOnly', 't=2; Secure']);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([137, 80, 78, 71]));
  });

  it('treats a result without statusCode as a 200 JSON body, as API Gateway does', async () => {
    reset(async () => ({ ok: true }));
    const res = await fetch(`${server.url}/s/t3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers 413 to a body over 64 KiB without calling the handler', async () => {
    reset(async () => ({ statusCode: 200 }));
    const res = await fetch(`${server.url}/s/t4`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(64 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    const chunked = await postChunked(`${server.url}/s/t4`, 20, 8 * 1024);
    expect(chunked.status).toBe(413);
    expect(events).toHaveLength(0);

    const fits = await fetch(`${server.url}/s/t4`, { method: 'POST', body: 'x'.repeat(64 * 1024) });
    expect(fits.status).toBe(200);
  });

  it('answers 500 with a plain page when the handler throws, and logs no personal data', async () => {
    reset(async () => {
      throw new Error('could not mail ana@example.com');
    });
    const res = await fetch(`${server.url}/s/secret-token-123`);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toBe('Something went wrong on our side. Please try again later.');
    const line = log.at(-1) ?? '';
    expect(line).toContain('handler failed');
    expect(line).not.toContain('ana@example.com');
    expect(line).not.toContain('secret-token-123');
  });
});

describe('the local HTTP server hosting the jobs table', () => {
  let server: RunningHttpServer;

  beforeAll(async () => {
    // The real handler reads its endpoints from the environment when it loads.
    process.env.AH_DDB_ENDPOINT = inject('ddbEndpoint');
    process.env.AH_SES_ENDPOINT = inject('sesEndpoint');
    server = await startHttpServer({ port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves GET /health through the http job', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await fetch(`${server.url}/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it("leaves 404 to the handler's router for an unknown path", async () => {
    const res = await fetch(`${server.url}/no/such/page`);
    expect(res.status).toBe(404);
  });

  it("leaves 405 with Allow to the handler's router for a wrong method", async () => {
    const res = await fetch(`${server.url}/health`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});
