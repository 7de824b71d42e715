/**
 * Fault injection through AWS SDK middleware: DynamoDB Local never throttles and SES local never
 * refuses, so tests make the SDK clients misbehave the way the real services do.
 */

interface CommandContext {
  commandName?: string;
}
type Handler = (args: unknown) => Promise<unknown>;

/** Any SDK v3 client (DynamoDB, its document client, SES v2); typed loosely on purpose for tests. */
interface AnyClient {
  // biome-ignore lint/suspicious/noExplicitAny: each client's stack is generic over its own input/output types
  middlewareStack: { add(middleware: any, options: { step: 'initialize'; name: string }): void };
}

/** Records every command name a client sends. */
export function recordCommands(client: AnyClient): string[] {
  const seen: string[] = [];
  client.middlewareStack.add(
    (next: Handler, context: CommandContext) => async (args: unknown) => {
      seen.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: `record-commands-${Math.random()}` },
  );
  return seen;
}

/** Throws `makeError()` instead of sending when `shouldFail(commandName)` says so. */
export function injectFault(
  client: AnyClient,
  shouldFail: (commandName: string) => boolean,
  makeError: () => Error,
) {
  client.middlewareStack.add(
    (next: Handler, context: CommandContext) => async (args: unknown) => {
      if (shouldFail(context.commandName ?? '')) throw makeError();
      return next(args);
    },
    { step: 'initialize', name: `fault-${Math.random()}` },
  );
}

/** An error shaped like the one SES v2 returns when the sending rate is exceeded. */
export function sesThrottle(): Error {
  const e = new Error('Maximum sending rate exceeded.');
  e.name = 'TooManyRequestsException';
  Object.assign(e, { $metadata: { httpStatusCode: 429 }, $fault: 'client' });
  return e;
}

/** An error shaped like a DynamoDB server fault. */
export function dynamoServerError(): Error {
  const e = new Error('Internal server error (injected)');
  e.name = 'InternalServerError';
  Object.assign(e, { $metadata: { httpStatusCode: 500 }, $fault: 'server', $retryable: undefined });
  return e;
}

/** A small seeded PRNG (mulberry32) so fault patterns reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
