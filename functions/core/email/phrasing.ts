import type { Account, Contact, Touch } from '../account.ts';
import { fnv1a } from '../hash.ts';

/** Small language helpers that keep generated emails reading like a person wrote them. */

/** The first word of a name, as a greeting uses it ("Ana" of "Ana Lima"). */
export const firstWord = (name: string | undefined) => name?.trim().split(/\s+/)[0];

export function firstName(contact: Pick<Contact, 'name'>): string | undefined {
  const first = contact.name?.trim().split(/\s+/)[0];
  return first && first.length > 1 ? first : undefined;
}

/** "Widgets", "Widgets and Gizmos", "Widgets, Gizmos and Sprockets". */
export function naturalList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "a couple of weeks", "about two months", "over a year". */
export function roughDuration(days: number): string {
  if (days < 10) return 'a few days';
  if (days < 18) return 'a couple of weeks';
  if (days < 26) return 'three weeks';
  if (days < 45) return 'about a month';
  if (days < 75) return 'about two months';
  if (days < 105) return 'about three months';
  if (days < 200) return 'a few months';
  if (days < 330) return 'the better part of a year';
  if (days < 400) return 'about a year';
  return 'over a year';
}

/** English month names, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "12 March" for a YYYY-MM-DD or ISO instant. */
export function dayAndMonth(iso: string): string {
  const [, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]}`;
}

/** Picks one of several phrasings, stable for one account and cycle so a retry renders the same email. */
export function pick<T>(options: readonly T[], seed: string): T {
  return options[fnv1a(seed) % options.length] as T;
}

/** What the last contact was, as a customer would recognise it; undefined when we should not say. */
export function lastContactPhrase(
  account: Pick<Account, 'lastContactKind'>,
  lastTouch?: Touch,
): string | undefined {
  switch (lastTouch?.kind ?? account.lastContactKind) {
    case 'survey-answer':
      return 'you answered our survey';
    case 'note':
    case 'reply':
    case 'crm':
      return 'we last spoke';
    default:
      return undefined;
  }
}
