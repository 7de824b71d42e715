import { createRouter, type HttpEvent, type HttpResult } from './http-router.ts';

/** The public HTTP function: survey pages, unsubscribe and owner action links, health. */
export const routeHttp = createRouter([
  {
    method: 'GET',
    path: '/health',
    run: async () => ({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify({ status: 'ok' }),
    }),
  },
]);

export const handler = (event: HttpEvent): Promise<HttpResult> => routeHttp(event);
