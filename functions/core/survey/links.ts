import { InvalidLinkError } from '../errors.ts';
import type { LinkPurpose, LinkToken } from './survey.ts';
import { hashToken, isWellFormedToken } from './tokens.ts';

/** The one store read a link needs: the token item, by the token's hash. */
export interface LinkReader {
  findLink(tokenHash: string, options?: { consistent?: boolean }): Promise<LinkToken | undefined>;
}

/**
 * Turns a token from a URL into what it grants, or throws InvalidLinkError: `tampered` when it
 * is malformed (no read), `unknown` when no such token exists or it grants something else,
 * `expired` when its time is up.
 */
export async function resolveLink(
  token: string,
  purposes: readonly LinkPurpose[],
  deps: { links: LinkReader; clock: () => Date },
  options: { consistent?: boolean } = {},
): Promise<LinkToken> {
  if (!isWellFormedToken(token)) throw new InvalidLinkError('The link is incomplete or damaged', 'tampered');
  const link = await deps.links.findLink(hashToken(token), options);
  if (!link || !purposes.includes(link.purpose))
    throw new InvalidLinkError('The link is not known', 'unknown');
  if (Date.parse(link.validUntil) <= deps.clock().getTime())
    throw new InvalidLinkError('The link has expired', 'expired');
  return link;
}
