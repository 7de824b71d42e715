import type { Completion, Ledger, SendKey } from './ports.ts';

/**
 * The middle of every send: with the claim held, build and send the email. If that fails nothing
 * went out, so the claim is given back at once and the next run retries without waiting for the
 * lease; if it succeeds the claim is completed with SES's message id. Resolves to that id.
 */
export async function sendUnderClaim(
  ledger: Pick<Ledger, 'complete' | 'release'>,
  key: SendKey,
  claimId: string,
  send: () => Promise<{ messageId: string }>,
  completion: Omit<Completion, 'messageId'>,
): Promise<string> {
  let messageId: string;
  try {
    ({ messageId } = await send());
  } catch (error) {
    await ledger.release(key, claimId).catch(() => undefined);
    throw error;
  }
  await ledger.complete(key, claimId, { ...completion, messageId });
  return messageId;
}

/** RFC 8058 one-click unsubscribe: mailbox providers POST to this URL with the body below. */
export function oneClickUnsubscribeHeaders(url: string): Array<{ name: string; value: string }> {
  return [
    { name: 'List-Unsubscribe', value: `<${url}>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ];
}
