import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type HttpRoute, JOBS, type JobDefinition } from '../jobs.ts';
import { describeError, invokeJob, JobTimeoutError } from './host.ts';

/**
 * The local stand-in for the public HTTP endpoint: a node:http server that turns each request into
 * the API Gateway HTTP API (payload 2.0) event the deployed function receives, calls the same
 * handler, and writes its structured result back.
 */

export type HttpInvoke = (job: JobDefinition, event: APIGatewayProxyEventV2) => Promise<unknown>;

export interface HttpServerOptions {
  port: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default the jobs table */
  jobs?: readonly JobDefinition[];
  /** Larger request bodies get 413 without reaching a handler. @default 65_536 */
  maxBodyBytes?: number;
  /** @default invokes the job's handler in this process */
  invoke?: HttpInvoke;
  /** @default console.error */
  log?: (line: string) => void;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

interface CompiledRoute {
  job: JobDefinition;
  route: HttpRoute;
  pattern: RegExp;
  names: string[];
}

function compileRoutes(jobs: readonly JobDefinition[]): CompiledRoute[] {
  return jobs.flatMap((job) =>
    job.trigger.kind !== 'http'
      ? []
      : job.trigger.routes.map((route) => {
          const names: string[] = [];
          const source = route.path
            .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            .replace(/\\?\{(\w+)\\?\}/g, (_m, n: string) => {
              names.push(n);
              return '([^/]+)';
            });
          return { job, route, pattern: new RegExp(`^${source}$`), names };
        }),
  );
}

/** A declared route for the request, or the job that answers everything else. */
interface Dispatch {
  job: JobDefinition;
  routeKey: string;
  pathParameters?: Record<string, string> | undefined;
}

/**
 * Picks the job for a request: the job whose route matches method and path; else a job with a route
 * on that path (its router answers 405); else the first HTTP job, which answers 404 itself, as the
 * deployed function behind its catch-all route does.
 */
function dispatch(routes: CompiledRoute[], method: string, path: string): Dispatch | undefined {
  const onPath = routes
    .map((r) => ({ r, m: r.pattern.exec(path) }))
    .filter((x): x is { r: CompiledRoute; m: RegExpExecArray } => x.m !== null);
  const exact = onPath.find(
    (x) => x.r.route.method === method || (method === 'HEAD' && x.r.route.method === 'GET'),
  );
  if (exact) {
    const pathParameters: Record<string, string> = {};
    exact.r.names.forEach((n, i) => {
      pathParameters[n] = safeDecode(exact.m[i + 1] ?? '');
    });
    return {
      job: exact.r.job,
      routeKey: `${exact.r.route.method} ${exact.r.route.path}`,
      pathParameters: exact.r.names.length ? pathParameters : undefined,
    };
  }
  const job = onPath[0]?.r.job ?? routes[0]?.job;
  return job ? { job, routeKey: '$default' } : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const TEXT_TYPES =
  /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript|graphql)|[^;]*\+(json|xml)\b)/i;

/** True when API Gateway would pass the body as text rather than base64. */
export function isTextContent(contentType: string | undefined): boolean {
  return !contentType || TEXT_TYPES.test(contentType.trim());
}

export interface RawRequest {
  method: string;
  /** Path and query as received: `/s/abc?score=9`. */
  url: string;
  /** As node gives them: lower-cased names, repeated headers as arrays (set-cookie) or joined. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp: string;
  now?: Date;
}

/** Builds the API Gateway HTTP API payload 2.0 event for a request. */
export function toHttpApiEvent(req: RawRequest, d: Pick<Dispatch, 'routeKey' | 'pathParameters'>) {
  const now = req.now ?? new Date();
  const q = req.url.indexOf('?');
  const rawPath = q >= 0 ? req.url.slice(0, q) : req.url;
  const rawQueryString = q >= 0 ? req.url.slice(q + 1) : '';

  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    // Payload 2.0 moves cookies out of the headers into their own list.
    if (key === 'cookie') {
      cookies = (Array.isArray(value) ? value : [value])
        .flatMap((v) => v.split(';'))
        .map((c) => c.trim())
        .filter(Boolean);
      continue;
    }
    headers[key] = Array.isArray(value) ? value.join(',') : value;
  }

  let queryStringParameters: Record<string, string> | undefined;
  if (rawQueryString) {
    queryStringParameters = {};
    for (const [k, v] of new URLSearchParams(rawQueryString)) {
      const prev = queryStringParameters[k];
      queryStringParameters[k] = prev === undefined ? v : `${prev},${v}`;
    }
  }

  const hasBody = req.body.length > 0;
  const text = isTextContent(headers['content-type']);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: d.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: req.method.toUpperCase(),
        path: safeDecode(rawPath),
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: d.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: hasBody && !text,
  };
  if (cookies?.length) event.cookies = cookies;
  if (queryStringParameters) event.queryStringParameters = queryStringParameters;
  if (d.pathParameters) event.pathParameters = d.pathParameters;
  if (hasBody) event.body = text ? req.body.toString('utf8') : req.body.toString('base64');
  return event;
}

export interface WrittenResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * Interprets a handler's return value as API Gateway does for payload 2.0: a structured result as
 * is; anything else (a string, an object without statusCode) as a 200 JSON body.
 */
export function fromHandlerResult(result: unknown): WrittenResponse {
  const structured =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : undefined;
  if (!structured) {
    const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? '');
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(structured.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const raw = structured.body ?? '';
  return {
    statusCode: structured.statusCode ?? 200,
    headers,
    body: structured.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8'),
  };
}

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      // Keep reading (and dropping) the rest, so the client sees our 413 instead of a reset.
      else chunks.push(chunk);
      if (size > limit * 16) req.destroy();
    });
    req.on('end', () => {
      ended = true;
      if (tooLarge) reject(new BodyTooLargeError());
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (tooLarge) reject(new BodyTooLargeError());
      else if (!ended) reject(new Error('the client went away before the request body ended'));
    });
  });
}

/** Serves every HTTP route of the jobs table on one port, through the jobs' own handlers. */
export function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const routes = compileRoutes(opts.jobs ?? JOBS);
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const invoke: HttpInvoke = opts.invoke ?? ((job, event) => invokeJob(job, event));
  const log = opts.log ?? ((line: string) => console.error(line));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const d = dispatch(routes, method, path);
    if (!d) return plain(res, 404, 'There is nothing at this address.');

    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBody) {
      req.resume();
      return plain(res, 413, 'The request is too large.', { connection: 'close' });
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (e) {
      if (e instanceof BodyTooLargeError)
        return plain(res, 413, 'The request is too large.', { connection: 'close' });
      return plain(res, 400, 'The request could not be read.');
    }

    const event = toHttpApiEvent(
      { method, url, headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
      d,
    );
    let out: WrittenResponse;
    try {
      out = fromHandlerResult(await invoke(d.job, event));
    } catch (error) {
      // The route's first segment only: the rest of a path may be a token.
      const where = `${method} /${path.split('/')[1] ?? ''}`;
      log(`http      ${d.job.name}  ${where}  handler failed: ${describeError(error)}`);
      if (error instanceof JobTimeoutError) return plain(res, 504, 'The server took too long to answer.');
      return plain(res, 500, 'Something went wrong on our side. Please try again later.');
    }
    res.writeHead(out.statusCode, out.headers);
    res.end(method === 'HEAD' ? undefined : out.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`http      internal error: ${describeError(error)}`);
      if (!res.headersSent) plain(res, 500, 'Something went wrong on our side. Please try again later.');
      else res.destroy();
    });
  });
  // A slow client must not hold a request open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
        port,
        server,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
