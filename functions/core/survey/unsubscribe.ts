import { type LinkReader, resolveLink } from './links.ts';
import type { LinkPurpose, LinkToken, OptOutScope } from './survey.ts';

/**
 * Unsubscribe links. An unsubscribe token works, and so does a survey token: whoever holds a
 * survey link is its recipient, and opting themselves out is within what that link may do (the
 * survey page offers it in its footer). The reverse is refused: an unsubscribe token never opens
 * a survey.
 */
export const UNSUBSCRIBE_PURPOSES: readonly LinkPurpose[] = ['unsubscribe', 'survey'];

export interface UnsubscribeDeps {
  links: LinkReader;
  addresses: {
    optOut(email: string, at: Date): Promise<void>;
    /** Opts the address out of surveys and survey reminders only; check-ins still reach it. */
    optOutOfSurveys(email: string, at: Date): Promise<void>;
  };
  clock: () => Date;
}

/**
 * What a link opts out of: a survey email's link, and the survey page's own footer link (a survey
 * token), stop surveys only; the link of a check-in or a greeting stops all mail.
 */
export function optOutScopeOf(link: Pick<LinkToken, 'purpose' | 'scope'>): OptOutScope {
  return link.purpose === 'survey' || link.scope === 'surveys' ? 'surveys' : 'all';
}

/** What the confirmation page shows. Reads the token only; never writes (a GET must not act). */
export async function openUnsubscribe(
  token: string,
  deps: Pick<UnsubscribeDeps, 'links' | 'clock'>,
): Promise<LinkToken & { optOut: OptOutScope }> {
  const link = await resolveLink(token, UNSUBSCRIBE_PURPOSES, deps);
  return { ...link, optOut: optOutScopeOf(link) };
}

/**
 * Opts the link's address out, at once (also the RFC 8058 one-click POST): of surveys only or of
 * all mail, as the link says (`optOutScopeOf`). Idempotent.
 */
export async function unsubscribe(
  token: string,
  deps: UnsubscribeDeps,
): Promise<LinkToken & { optOut: OptOutScope }> {
  const link = await resolveLink(token, UNSUBSCRIBE_PURPOSES, deps, { consistent: true });
  const optOut = optOutScopeOf(link);
  if (optOut === 'surveys') await deps.addresses.optOutOfSurveys(link.contactEmail, deps.clock());
  else await deps.addresses.optOut(link.contactEmail, deps.clock());
  return { ...link, optOut };
}

/** "a•••@example.com": enough for the owner of the address to recognise it, little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${[...email.slice(0, at)][0]}•••${email.slice(at)}`;
}
