import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpStatusOf, MethodNotAllowedError, NotFoundError } from '../core/errors.ts';
import type { HttpRoute } from '../jobs.ts';
import { logger } from '../shared/observability.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type RouteHandler = (event: HttpEvent, params: Record<string, string>) => Promise<HttpResult>;

interface CompiledRoute {
  route: HttpRoute;
  pattern: RegExp;
  names: string[];
  run: RouteHandler;
}

/** Renders an error as a page; routes of a link-serving app replace it with their own look. */
export type ErrorPage = (
  status: number,
  error: unknown,
  event?: HttpEvent,
) => HttpResult | Promise<HttpResult>;

const plainErrorPage: ErrorPage = (status, error) => ({
  statusCode: status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body:
    status >= 500 ? 'Something went wrong on our side. Please try again later.' : (error as Error).message,
});

/**
 * A small router for the public HTTP function: routes are `METHOD /path/{param}` as in the jobs
 * table. Domain errors map to 4xx in one place; a 5xx never shows a stack or an internal message.
 */
export function createRouter(
  routes: Array<HttpRoute & { run: RouteHandler }>,
  errorPage: ErrorPage = plainErrorPage,
) {
  const compiled: CompiledRoute[] = routes.map(({ run, ...route }) => {
    const names: string[] = [];
    const source = route.path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{(\w+)\\?\}/g, (_m, n: string) => {
        names.push(n);
        return '([^/]+)';
      });
    return { route, pattern: new RegExp(`^${source}$`), names, run };
  });

  return async function route(event: HttpEvent): Promise<HttpResult> {
    const method = event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
    const path = event.rawPath || '/';
    try {
      const matches = compiled
        .map((c) => ({ c, m: c.pattern.exec(path) }))
        .filter((x): x is { c: CompiledRoute; m: RegExpExecArray } => x.m !== null);
      if (matches.length === 0) throw new NotFoundError('There is nothing at this address.');
      const hit = matches.find(
        (x) => x.c.route.method === method || (method === 'HEAD' && x.c.route.method === 'GET'),
      );
      if (!hit) throw new MethodNotAllowedError([...new Set(matches.map((x) => x.c.route.method))]);
      const params: Record<string, string> = {};
      hit.c.names.forEach((n, i) => {
        params[n] = decodeURIComponent(hit.m[i + 1] ?? '');
      });
      const result = await hit.c.run(event, params);
      return method === 'HEAD' ? { ...result, body: '' } : result;
    } catch (error) {
      const status = error instanceof URIError ? 400 : httpStatusOf(error);
      if (status >= 500) logger.error('request failed', { route: path.split('/')[1], error: error as Error });
      const page = await errorPage(status, error, event);
      if (error instanceof MethodNotAllowedError)
        page.headers = { ...page.headers, allow: error.allowed.join(', ') };
      return page;
    }
  };
}
