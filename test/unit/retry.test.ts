import { describe, expect, it } from 'vitest';
import { retry } from '../../functions/shared/retry.ts';

const noSleep = { sleep: async () => undefined };

describe('retry', () => {
  it('tries again after a retryable error and returns the first success', async () => {
    let calls = 0;

    const result = await retry(
      async () => {
        calls++;
        if (calls < 3) throw new Error('busy');
        return 'done';
      },
      { attempts: 5, ...noSleep },
    );

    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('rethrows at once an error it may not retry', async () => {
    let calls = 0;
    const run = retry(
      async () => {
        calls++;
        throw new Error('bad input');
      },
      { attempts: 5, retryOn: (e) => (e as Error).message === 'busy', ...noSleep },
    );

    await expect(run).rejects.toThrow('bad input');
    expect(calls).toBe(1);
  });

  it('gives up after the attempts, mapping the last error when asked', async () => {
    let calls = 0;
    const run = retry(
      async () => {
        calls++;
        throw new Error('busy');
      },
      { attempts: 4, exhausted: () => new Error('still busy after 4 tries'), ...noSleep },
    );

    await expect(run).rejects.toThrow('still busy after 4 tries');
    expect(calls).toBe(4);
  });

  it('waits with exponential backoff and full jitter, capped', async () => {
    const waits: number[] = [];
    const run = retry(
      async () => {
        throw new Error('busy');
      },
      {
        attempts: 5,
        baseDelayMs: 100,
        maxDelayMs: 500,
        random: () => 1,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );

    await expect(run).rejects.toThrow('busy');
    expect(waits).toEqual([100, 200, 400, 500]);
  });
});
