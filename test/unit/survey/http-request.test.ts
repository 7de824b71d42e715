import { describe, expect, it } from 'vitest';
import { ForbiddenError, PayloadTooLargeError, ValidationError } from '../../../functions/core/errors.ts';
import { assertSameOrigin, MAX_FORM_BYTES, readForm } from '../../../functions/handlers/http-request.ts';
import { httpEvent } from '../../support/http-event.ts';

const post = (body: string, headers: Record<string, string> = {}, isBase64Encoded = false) =>
  httpEvent({
    method: 'POST',
    url: '/s/x',
    body,
    isBase64Encoded,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

describe('form parsing', () => {
  it('decodes percent escapes, plus signs and UTF-8', () => {
    expect(readForm(post('score=9&comment=tr%C3%A8s+bien+%F0%9F%98%80%0D%0A%26%3D'))).toEqual({
      score: '9',
      comment: 'très bien 😀\r\n&=',
    });
  });

  it('reads a base64-encoded body, as API Gateway passes it', () => {
    const body = Buffer.from('score=3&comment=ok').toString('base64');
    expect(readForm(post(body, {}, true))).toEqual({ score: '3', comment: 'ok' });
  });

  it('accepts a charset parameter and a missing content type', () => {
    expect(
      readForm(post('score=1', { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' })).score,
    ).toBe('1');
    expect(readForm(httpEvent({ method: 'POST', url: '/s/x', body: 'score=2' })).score).toBe('2');
    expect(readForm(httpEvent({ method: 'POST', url: '/s/x' }))).toEqual({});
  });

  it.each([
    ['a malformed percent escape', 'score=%ZZ'],
    ['a truncated escape', 'comment=%E2%82'],
    ['percent-encoded invalid UTF-8', 'comment=%FF%FE'],
    ['an encoded lone surrogate', 'comment=%ED%A0%80'],
    ['a repeated field', 'score=1&score=10'],
  ])('refuses %s', (_what, body) => {
    expect(() => readForm(post(body))).toThrow(ValidationError);
  });

  it('refuses raw invalid UTF-8 in a base64 body', () => {
    expect(() => readForm(post(Buffer.from([0x73, 0x3d, 0xff, 0xfe]).toString('base64'), {}, true))).toThrow(
      ValidationError,
    );
  });

  it('refuses other content types (multipart, JSON)', () => {
    expect(() => readForm(post('{"score":9}', { 'content-type': 'application/json' }))).toThrow(
      ValidationError,
    );
    expect(() => readForm(post('--b', { 'content-type': 'multipart/form-data; boundary=b' }))).toThrow(
      ValidationError,
    );
  });

  it('refuses bodies over the limit, plain or base64, and takes one at the limit', () => {
    const atLimit = `comment=${'a'.repeat(MAX_FORM_BYTES - 8)}`;
    expect(readForm(post(atLimit)).comment).toHaveLength(MAX_FORM_BYTES - 8);
    expect(() => readForm(post(`${atLimit}a`))).toThrow(PayloadTooLargeError);
    expect(() => readForm(post(Buffer.from(`${atLimit}a`).toString('base64'), {}, true))).toThrow(
      PayloadTooLargeError,
    );
    expect(() => readForm(post('é'.repeat(MAX_FORM_BYTES / 2 + 1)))).toThrow(PayloadTooLargeError);
  });

  it('fits a 2,000-character comment in a non-Latin script', () => {
    const body = new URLSearchParams({ score: '9', comment: '日'.repeat(2000) }).toString();
    expect(readForm(post(body)).comment).toHaveLength(2000);
  });
});

describe('origin check', () => {
  const withOrigin = (origin: string | undefined, host = 'links.example.test') =>
    httpEvent({
      method: 'POST',
      url: '/s/x',
      headers: { host, ...(origin === undefined ? {} : { origin }) },
    });

  it('allows a missing Origin (mail servers: the RFC 8058 one-click POST has no Origin, no cookies)', () => {
    expect(() => assertSameOrigin(withOrigin(undefined))).not.toThrow();
  });

  it('refuses the opaque "null" origin (a file:// page, a sandboxed iframe)', () => {
    expect(() => assertSameOrigin(withOrigin('null'))).toThrow(ForbiddenError);
  });

  const withHeaders = (headers: Record<string, string>) =>
    httpEvent({ method: 'POST', url: '/s/x', headers: { host: 'links.example.test', ...headers } });

  it('refuses Sec-Fetch-Site: cross-site, whatever the Origin says', () => {
    expect(() => assertSameOrigin(withHeaders({ 'sec-fetch-site': 'cross-site' }))).toThrow(ForbiddenError);
    expect(() =>
      assertSameOrigin(withHeaders({ 'Sec-Fetch-Site': 'cross-site', origin: 'https://links.example.test' })),
    ).toThrow(ForbiddenError);
    expect(() =>
      assertSameOrigin(
        withHeaders({ 'sec-fetch-site': 'same-origin', origin: 'https://links.example.test' }),
      ),
    ).not.toThrow();
  });

  it('with no Origin, refuses a Referer from another site and allows ours', () => {
    expect(() => assertSameOrigin(withHeaders({ referer: 'https://evil.test/page' }))).toThrow(
      ForbiddenError,
    );
    expect(() => assertSameOrigin(withHeaders({ referer: 'file:///tmp/x.html' }))).toThrow(ForbiddenError);
    expect(() =>
      assertSameOrigin(withHeaders({ referer: 'https://links.example.test/s/abc' })),
    ).not.toThrow();
  });

  it('allows the host the request was sent to and the public base URL', () => {
    expect(() => assertSameOrigin(withOrigin('https://links.example.test'))).not.toThrow();
    expect(() => assertSameOrigin(withOrigin('http://127.0.0.1:3000', '127.0.0.1:3000'))).not.toThrow();
    expect(() =>
      assertSameOrigin(withOrigin('https://links.example.test', 'links.example.test:443')),
    ).not.toThrow();
    expect(() =>
      assertSameOrigin(
        withOrigin('https://survey.acme.test', 'abc.lambda-url.aws'),
        'https://survey.acme.test/base',
      ),
    ).not.toThrow();
  });

  it.each([
    'https://evil.test',
    'https://links.example.test.evil.test',
    'http://links.example.test:8080',
    'file://',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (origin) => {
    expect(() => assertSameOrigin(withOrigin(origin))).toThrow(ForbiddenError);
  });
});
