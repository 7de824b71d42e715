import type { Account } from '../account.ts';
import { html, type RawHtml } from '../html.ts';
import type { Voice } from '../i18n/voice.ts';
import { ownerPersonName } from '../wording.ts';

/** The pieces every email to a customer shares, in its language. */

/** "Hi Ana," (or "Hi there,"), as markup and as text. */
export function greetingOf(voice: Voice, name: string | undefined): { html: RawHtml; text: string } {
  const { t } = voice;
  return name
    ? { html: t.html('greeting.named', { name }), text: t.text('greeting.named', { name }) }
    : { html: t.html('greeting.anonymous'), text: t.text('greeting.anonymous') };
}

/** How the owner signs: their name, isolated like any name; else "Your account team". */
export function signatureOf(
  voice: Voice,
  owner: Pick<Account, 'ownerName' | 'ownerEmail'>,
): { html: RawHtml; text: string } {
  const person = ownerPersonName(owner);
  if (person) return { html: html`<bdi>${person}</bdi>`, text: `\u2068${person}\u2069` };
  return { html: voice.t.html('signature.team'), text: voice.t.text('signature.team') };
}
