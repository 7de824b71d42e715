/**
 * The one retry loop: calls `attempt` until it succeeds, an error it may not retry is thrown, or
 * the attempts run out (then the last error is rethrown, or `exhausted` maps it). Between attempts
 * it waits with exponential backoff and full jitter. Callers: DynamoDB batches left unprocessed,
 * optimistic writes that lost a race, SES throttles.
 */
export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** Whether an error is worth another try. @default every error */
  retryOn?: (error: unknown) => boolean;
  /** First backoff step in ms; doubles each attempt. 0 retries at once. @default 50 */
  baseDelayMs?: number;
  /** Ceiling of one wait in ms. @default 2_000 */
  maxDelayMs?: number;
  /** The error to throw when the attempts run out, from the last one. @default the last error */
  exhausted?: (error: unknown) => unknown;
  /** @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function retry<T>(attempt: (n: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const base = opts.baseDelayMs ?? 50;
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (opts.retryOn && !opts.retryOn(error)) throw error;
      if (n >= opts.attempts) throw opts.exhausted ? opts.exhausted(error) : error;
      if (base > 0) await sleep(random() * Math.min(opts.maxDelayMs ?? 2_000, base * 2 ** (n - 1)));
    }
  }
}
