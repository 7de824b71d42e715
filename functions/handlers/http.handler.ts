import { readDeployedSettings } from '../config/deployed-settings.ts';
import { readRuntime } from '../config/runtime.ts';
import type { HttpEvent, HttpResult } from './http-router.ts';
import { createRouteHttp } from './http-routes.ts';
import { createHttpDeps } from './wiring/http.ts';

/** The public HTTP function's router (routes in http-routes.ts), its dependencies built once, at init. */
export const routeHttp = createRouteHttp(createHttpDeps(readRuntime(), readDeployedSettings()));

export const handler = (event: HttpEvent): Promise<HttpResult> => routeHttp(event);
