/**
 * Runs `work` over `items` with at most `limit` in flight, in order of `items`. The first failure
 * stops new items from starting and is rethrown once the ones in flight have settled; callers that
 * must go on past a failure catch inside `work`.
 *
 * Hand-written rather than p-limit: a dozen lines, no dependency in every Lambda bundle, and the
 * stop-on-first-failure rule the batch writers need.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  const results = await Promise.allSettled(workers);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/**
 * A limit shared by several loops: `run` waits until fewer than `limit` of its tasks are in flight
 * (across every caller), then runs the task. Tasks start in the order they asked.
 */
export function sharedLimit(limit: number): <R>(task: () => Promise<R>) => Promise<R> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
