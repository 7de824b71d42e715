/**
 * The small rules of written English every email, page and CLI line shares, kept in one place so
 * a sentence never reads "Corp..", "1 days" or "(survey-answer)". Pure; plurals come from
 * Intl.PluralRules, not from gluing an "s" on.
 */

import type { TouchKind } from './domain/vocabulary.ts';

const PLURAL_RULES = new Intl.PluralRules('en');

/**
 * "1 day", "3 days", "1 answer": the count and the noun in the form the count calls for. `other`
 * defaults to `one` + "s"; pass it for irregular nouns ("reply", "replies").
 */
export function plural(n: number, one: string, other = `${one}s`): string {
  return `${n} ${PLURAL_RULES.select(n) === 'one' ? one : other}`;
}

/**
 * Ends a sentence after `text` (typically a name that may end in its own full stop: "Acme Corp."):
 * adds a full stop only when the text does not already end in one, or in "?" / "!" / "…".
 */
export function endSentence(text: string, mark = '.'): string {
  const trimmed = text.trimEnd();
  return /[.?!…]["'’”)]*$/.test(trimmed) ? trimmed : `${trimmed}${mark}`;
}

/** "today", "in 1 day", "3 days ago": a whole number of days from now, in words. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  return days < 0 ? `${plural(-days, 'day')} ago` : `in ${plural(days, 'day')}`;
}

/**
 * A health penalty as a reader takes it: rounded to whole points, with a real minus sign
 * ("−34 points"), never "-33.8".
 */
export function penaltyPoints(points: number): string {
  const n = Math.round(Math.abs(points));
  return n === 0 ? 'less than 1 point' : `\u2212${plural(n, 'point')}`;
}

/** Mailbox names that belong to a role, not a person: never turned into a signature. */
const ROLE_MAILBOXES = new Set([
  'account',
  'accounts',
  'admin',
  'billing',
  'checkins',
  'contact',
  'cs',
  'customer',
  'customers',
  'customersuccess',
  'hello',
  'help',
  'info',
  'mail',
  'noreply',
  'office',
  'sales',
  'success',
  'support',
  'team',
]);

const capitalise = (word: string) =>
  word.charAt(0).toLocaleUpperCase('en') + word.slice(1).toLocaleLowerCase('en');

/**
 * A person's name read from their address, when it plainly holds one: "jane.doe@x" → "Jane Doe",
 * "ana_lima-souza@x" → "Ana Lima Souza"; undefined for "support@x", "jd42@x" or "j.d@x", which
 * name nobody a reader would recognise.
 */
export function nameFromAddress(email: string): string | undefined {
  const local = email.split('@')[0]?.split('+')[0] ?? '';
  const parts = local.split(/[._-]+/).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\p{L}+$/u.test(p))) return undefined;
  if (parts.length === 1) return undefined;
  if (parts.some((p) => p.length < 2) || parts.some((p) => ROLE_MAILBOXES.has(p.toLowerCase())))
    return undefined;
  return parts.map(capitalise).join(' ');
}

/**
 * How mail from an account owner is signed: their name; else one read from their address; else
 * the team, so a customer never sees a bare address under a personal note.
 */
export function ownerSignature(owner: OwnerIdentity): string {
  return ownerPersonName(owner) ?? 'Your account team';
}

type OwnerIdentity = { ownerName?: string | undefined; ownerEmail: string };

/** The owner's name as a person would say it: the one on record, else one read from the address. */
export function ownerPersonName(owner: OwnerIdentity): string | undefined {
  return owner.ownerName?.trim() || nameFromAddress(owner.ownerEmail);
}

/** What a timeline entry or a last contact was, in words ("survey answer", not "survey-answer"). */
const TOUCH_WORDS: Record<TouchKind, string> = {
  note: 'logged by the owner',
  import: 'from the import',
  'check-in': 'check-in sent',
  survey: 'survey sent',
  'survey-reminder': 'survey reminder sent',
  'survey-answer': 'survey answer',
  reply: 'reply',
  crm: 'from the CRM',
  'owner-nudge': 'nudge to the owner',
  'owner-alert': 'alert to the owner',
  greeting: 'greeting sent',
  'qbr-reminder': 'review reminder sent',
  'outreach-paused': 'outreach paused',
  'outreach-resumed': 'outreach resumed',
};

export function touchKindWords(kind: TouchKind): string {
  return TOUCH_WORDS[kind];
}
