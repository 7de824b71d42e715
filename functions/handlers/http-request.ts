import { ForbiddenError, PayloadTooLargeError, ValidationError } from '../core/errors.ts';
import { isWellFormedText } from '../core/text-policy.ts';
import type { HttpEvent } from './http-router.ts';

/**
 * Reading requests of the public link routes: headers, query, form bodies, the Origin check.
 * Everything here is strict and throws domain errors (4xx), never anything that becomes a 5xx.
 */

/**
 * Largest accepted body. 24 KiB rather than 16: a 2,000-character comment in a non-Latin script is
 * up to 18,000 bytes once percent-encoded (3 UTF-8 bytes × 3), and it must still fit.
 */
export const MAX_FORM_BYTES = 24 * 1024;

export function header(event: HttpEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** One query parameter, lenient (a bad query never fails a page; it is only ignored). */
export function queryParam(event: HttpEvent, name: string): string | undefined {
  if (event.rawQueryString) {
    const v = new URLSearchParams(event.rawQueryString).get(name);
    return v ?? undefined;
  }
  return event.queryStringParameters?.[name];
}

/** The body as bytes, refusing it beyond `limit` before decoding anything large. */
export function bodyBytes(event: HttpEvent, limit = MAX_FORM_BYTES): Buffer {
  const body = event.body ?? '';
  if (event.isBase64Encoded) {
    if (body.length > Math.ceil(limit / 3) * 4 + 4) throw new PayloadTooLargeError();
    const bytes = Buffer.from(body, 'base64');
    if (bytes.length > limit) throw new PayloadTooLargeError();
    return bytes;
  }
  // A JS string holds at most 3 UTF-8 bytes per UTF-16 unit: cheap bound first, exact count second.
  if (body.length > limit) throw new PayloadTooLargeError();
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length > limit) throw new PayloadTooLargeError();
  return bytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new ValidationError('The form data is not correctly encoded');
  }
}

/**
 * Parses an `application/x-www-form-urlencoded` body strictly: invalid UTF-8, malformed percent
 * escapes and repeated fields are refused. A missing content type is read as a form (some mail
 * clients' one-click POSTs omit it); any other type is refused.
 */
export function readForm(event: HttpEvent, limit = MAX_FORM_BYTES): Record<string, string> {
  const bytes = bodyBytes(event, limit);
  // A text body with a lone surrogate or U+FFFD stands for bytes that were not UTF-8 (the platform
  // decoded them leniently; a browser percent-encodes every non-ASCII byte of a form): refuse it
  // rather than store U+FFFD. One rule for text everywhere (core/text-policy.ts).
  if (
    !event.isBase64Encoded &&
    event.body &&
    (!isWellFormedText(event.body) || event.body.includes('\uFFFD'))
  )
    throw new ValidationError('The form data is not valid UTF-8');
  const type = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type && type !== 'application/x-www-form-urlencoded')
    throw new ValidationError('Only form submissions are accepted here');
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new ValidationError('The form data is not valid UTF-8');
  }
  const fields: Record<string, string> = Object.create(null);
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1));
    if (name in fields) throw new ValidationError('A form field was sent twice');
    fields[name] = value;
  }
  return fields;
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

function hostOf(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** True when `url`'s origin is our public base URL's or the host the request was sent to. */
function isOurOrigin(event: HttpEvent, url: string, publicBaseUrl?: string): boolean {
  const host = hostOf(url);
  if (!host) return false;
  if (publicBaseUrl && hostOf(publicBaseUrl) === host) return true;
  const requestHost = (header(event, 'host') ?? event.requestContext?.domainName)?.trim().toLowerCase();
  if (!requestHost) return false;
  const scheme = new URL(url).protocol;
  const withoutDefaultPort = requestHost.replace(new RegExp(`:${DEFAULT_PORT[scheme] ?? ''}$`), '');
  return host === requestHost || host === withoutDefaultPort;
}

/**
 * Refuses a state-changing POST sent from another site (ForbiddenError):
 * - `Sec-Fetch-Site: cross-site` (every current browser sends it);
 * - an Origin that is not ours, `Origin: null` included (a `file://` page, a sandboxed iframe, a
 *   redirect chain: our own pages set `Referrer-Policy: same-origin`, so our form sends its origin);
 * - with no Origin, a Referer from another origin.
 * Allowed: no Origin and no Referer at all, which is how a mail provider sends the RFC 8058
 * one-click POST (from its servers, without cookies). The token in the URL is what authorises a POST.
 */
export function assertSameOrigin(event: HttpEvent, publicBaseUrl?: string): void {
  const site = header(event, 'sec-fetch-site')?.trim().toLowerCase();
  if (site === 'cross-site') throw new ForbiddenError('The form was sent from another site');
  const origin = header(event, 'origin')?.trim();
  if (origin) {
    if (isOurOrigin(event, origin, publicBaseUrl)) return;
    throw new ForbiddenError('The form was sent from another site');
  }
  const referer = header(event, 'referer')?.trim();
  if (referer && !isOurOrigin(event, referer, publicBaseUrl))
    throw new ForbiddenError('The form was sent from another site');
}
