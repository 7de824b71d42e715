import type { Account, OutreachPause, Touch } from '../account.ts';

/**
 * Pausing an account's automated outreach, open-endedly (a negotiation, an incident), and resuming
 * it. While paused, nothing automated goes to the account's contacts (check-ins, surveys, reminders,
 * greetings, cohort outreach); owner alerts, digests and review reminders still reach the owner.
 * The account leaves the due index while paused (adapters/dynamodb/account.entity.ts), so no tick
 * reads it; on resume it is due at its due time, at once when that has passed.
 */

/** One account change and the timeline entry that records it, written together. */
export interface PausePort {
  changeWithTouch(
    accountId: string,
    decide: (current: Account) => { change: Partial<Account>; touch: Touch } | undefined,
    now: Date,
  ): Promise<{ account: Account; changed: boolean }>;
}

export type PauseOutcome = 'paused' | 'reason-changed' | 'unchanged';
export type ResumeOutcome = 'resumed' | 'not-paused';

export interface PauseInput {
  accountId: string;
  /** Checked by the caller against the text policy (core/events/crm.ts `pauseReasonSchema`). */
  reason: string;
  /** Who paused it: `cli`, `crm`. */
  source: string;
}

/**
 * Pauses outreach. Pausing again with the same reason changes nothing (a redelivered event); with
 * another reason it keeps the pause's start and records the new reason.
 */
export async function pauseOutreach(
  deps: { accounts: PausePort },
  input: PauseInput,
  now: Date,
): Promise<{ account: Account; outcome: PauseOutcome }> {
  let outcome: PauseOutcome = 'unchanged';
  const { account } = await deps.accounts.changeWithTouch(
    input.accountId,
    (current) => {
      const was = current.pause;
      if (was?.reason === input.reason) {
        outcome = 'unchanged';
        return undefined;
      }
      outcome = was ? 'reason-changed' : 'paused';
      const pause: OutreachPause = {
        since: was?.since ?? now.toISOString(),
        reason: input.reason,
        source: input.source,
      };
      return {
        change: { pause },
        touch: {
          accountId: input.accountId,
          at: now.toISOString(),
          kind: 'outreach-paused',
          note: was ? `Pause reason changed: ${input.reason}` : `Outreach paused: ${input.reason}`,
          source: input.source,
        },
      };
    },
    now,
  );
  return { account, outcome };
}

/** Resumes outreach; an account that is not paused is left as it is. */
export async function resumeOutreach(
  deps: { accounts: PausePort },
  input: { accountId: string; source: string },
  now: Date,
): Promise<{ account: Account; outcome: ResumeOutcome; pause?: OutreachPause | undefined }> {
  let outcome: ResumeOutcome = 'not-paused';
  /** The pause that ended, when one did. */
  let ended: OutreachPause | undefined;
  const { account } = await deps.accounts.changeWithTouch(
    input.accountId,
    (current) => {
      ended = current.pause;
      if (!ended) {
        outcome = 'not-paused';
        return undefined;
      }
      outcome = 'resumed';
      return {
        change: { pause: undefined },
        touch: {
          accountId: input.accountId,
          at: now.toISOString(),
          kind: 'outreach-resumed',
          note: `Outreach resumed (paused since ${ended.since.slice(0, 10)}: ${ended.reason})`,
          source: input.source,
        },
      };
    },
    now,
  );
  return { account, outcome, pause: ended };
}
