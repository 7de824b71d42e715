import { type LinkReader, resolveLink } from './links.ts';
import type { LinkPurpose, LinkToken } from './survey.ts';

/**
 * Unsubscribe links. An unsubscribe token works, and so does a survey token: whoever holds a
 * survey link is its recipient, and opting themselves out is within what that link may do (the
 * survey page offers it in its footer). The reverse is refused: an unsubscribe token never opens
 * a survey.
 */
export const UNSUBSCRIBE_PURPOSES: readonly LinkPurpose[] = ['unsubscribe', 'survey'];

export interface UnsubscribeDeps {
  links: LinkReader;
  addresses: { optOut(email: string, at: Date): Promise<void> };
  clock: () => Date;
}

/** What the confirmation page shows. Reads the token only; never writes (a GET must not act). */
export function openUnsubscribe(token: string, deps: Pick<UnsubscribeDeps, 'links' | 'clock'>) {
  return resolveLink(token, UNSUBSCRIBE_PURPOSES, deps);
}

/** Opts the link's address out of all mail, at once (also the RFC 8058 one-click POST). Idempotent. */
export async function unsubscribe(token: string, deps: UnsubscribeDeps): Promise<LinkToken> {
  const link = await resolveLink(token, UNSUBSCRIBE_PURPOSES, deps, { consistent: true });
  await deps.addresses.optOut(link.contactEmail, deps.clock());
  return link;
}

/** "a•••@example.com": enough for the owner of the address to recognise it, little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${[...email.slice(0, at)][0]}•••${email.slice(at)}`;
}
