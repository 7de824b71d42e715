import type { Account, Touch } from '../account.ts';
import { CONTACT_LOGGED } from '../events/account-health.ts';
import type { Publisher } from '../events/ports.ts';

export interface LogContactDeps {
  accounts: { recordTouch(touch: Touch, now: Date): Promise<Account> };
  events: Publisher<typeof CONTACT_LOGGED>;
  /** Reports a failed publish (the contact is recorded all the same), without personal data. */
  onError?: ((where: string, accountId: string | undefined, error: unknown) => void) | undefined;
}

/**
 * Records a contact the tool was told of (`account-health log-contact`, an owner's "mark
 * contacted"): the touch goes on the timeline, the account's clock resets, and `Contact Logged`
 * (source `account-health`) tells the bus. A CRM's own `Contact Logged` does not come through here:
 * the CRM knows of it already, and the tool's event must not echo it back.
 */
export async function logContact(deps: LogContactDeps, touch: Touch, now: Date): Promise<Account> {
  const account = await deps.accounts.recordTouch(touch, now);
  try {
    await deps.events.publish([
      {
        detailType: CONTACT_LOGGED,
        // Ids and kinds only: never the note, which may name people.
        detail: { accountId: touch.accountId, at: touch.at, kind: touch.kind, source: touch.source },
        time: now,
      },
    ]);
  } catch (error) {
    deps.onError?.('publish-event', touch.accountId, error);
  }
  return account;
}
