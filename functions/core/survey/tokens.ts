import { createHash } from 'node:crypto';
import type { RandomBytes } from '../ports.ts';

/**
 * Link tokens (survey and unsubscribe links).
 *
 * A token is 18 random bytes (144 bits, from the OS CSPRNG) in base64url, followed by a 4-character
 * check: 28 URL-safe characters in all. The store keeps only SHA-256(token), so a leaked table or
 * backup cannot be turned back into working links.
 *
 * Why no signature (HMAC): security comes from the 144 random bits and the lookup by hash: a guess
 * has a 2^-144 chance per known token, and a signature would add a secret to provision, rotate and
 * keep out of logs, for no gain in unguessability. The check characters are a checksum, not a MAC:
 * they catch links that mail clients or copy-paste truncated or mangled, so such a link gets the
 * "damaged link" page without a store read, and a flood of random tokens costs no reads either
 * (only 1 in 16.7 million random strings passes the check).
 */

export const TOKEN_RANDOM_BYTES = 18;
const BODY_CHARS = 24; // 18 bytes in base64url, no padding
const CHECK_CHARS = 4;
export const TOKEN_LENGTH = BODY_CHARS + CHECK_CHARS;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{28}$/;

function checkOf(body: string): string {
  return createHash('sha256').update(`ah-link:${body}`).digest('base64url').slice(0, CHECK_CHARS);
}

/**
 * A new unguessable token from the given secure random source (adapters pass node's `randomBytes`).
 * Show it only in the link; store `hashToken(token)`.
 */
export function mintToken(random: RandomBytes): string {
  const body = Buffer.from(random(TOKEN_RANDOM_BYTES)).toString('base64url');
  return body + checkOf(body);
}

/** True when the token has the right shape and its check characters match (no store read needed). */
export function isWellFormedToken(token: string): boolean {
  if (!TOKEN_PATTERN.test(token)) return false;
  const body = token.slice(0, BODY_CHARS);
  return checkOf(body) === token.slice(BODY_CHARS);
}

/** The token's store key: SHA-256, base64url (43 characters). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
