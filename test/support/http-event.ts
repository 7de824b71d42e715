import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A request as a test describes it; the URL is taken raw, so odd encodings reach the handler as sent. */
export interface RequestSpec {
  /** @default 'GET' */
  method?: string;
  /** Path and optional query, e.g. `/s/abc?score=9`. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

function parseQuery(raw: string): Record<string, string> | undefined {
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  for (const part of raw.split('&')) {
    if (!part) continue;
    const [k = '', v = ''] = part.split('=', 2);
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    // API Gateway joins repeated keys with commas.
    const key = decode(k);
    out[key] = out[key] === undefined ? decode(v) : `${out[key]},${decode(v)}`;
  }
  return out;
}

/** The API Gateway HTTP API (payload 2.0) event for a request, as the public endpoint receives it. */
export function httpEvent(spec: RequestSpec): APIGatewayProxyEventV2 {
  const method = (spec.method ?? 'GET').toUpperCase();
  const q = spec.url.indexOf('?');
  const rawPath = q < 0 ? spec.url : spec.url.slice(0, q);
  const rawQueryString = q < 0 ? '' : spec.url.slice(q + 1);
  const headers: Record<string, string> = { host: 'localhost:3000' };
  for (const [k, v] of Object.entries(spec.headers ?? {})) headers[k.toLowerCase()] = v;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    queryStringParameters: parseQuery(rawQueryString),
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'test',
      routeKey: '$default',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    body: spec.body,
    isBase64Encoded: spec.isBase64Encoded ?? false,
  };
}

/** A form POST, as a browser submits the survey or unsubscribe page. */
export function formPost(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): APIGatewayProxyEventV2 {
  return httpEvent({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}
