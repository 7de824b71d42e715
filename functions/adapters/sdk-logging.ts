/**
 * Takes the SDK's logger middleware off a client. Even with its default no-op logger it walks
 * every request and response through the sensitive-data filter (a deep copy per call, measured as
 * a tenth of a tick's CPU in `npm run bench:scan`); this tool logs through its own logger, never the SDK's.
 */
export function withoutSdkLogging<C extends { middlewareStack: { remove(name: string): boolean } }>(
  client: C,
): C {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
