import type { Account, Contact, Touch } from '../account.ts';
import { fnv1a } from '../hash.ts';

/** Small language helpers that keep generated emails reading like a person wrote them. */

/** The first word of a name, as a greeting uses it ("Ana" of "Ana Lima"). */
export const firstWord = (name: string | undefined) => name?.trim().split(/\s+/)[0];

export function firstName(contact: Pick<Contact, 'name'>): string | undefined {
  const first = contact.name?.trim().split(/\s+/)[0];
  return first && first.length > 1 ? first : undefined;
}

/**
 * How long a silence has lasted, as a bucket each catalogue words in its own grammar
 * (`{span, select, ...}`): "a few days", "a couple of weeks", ..., "over a year".
 */
export type Span =
  | 'fewDays'
  | 'twoWeeks'
  | 'threeWeeks'
  | 'month'
  | 'twoMonths'
  | 'threeMonths'
  | 'fewMonths'
  | 'mostOfYear'
  | 'year'
  | 'overYear';

export function spanOf(days: number): Span {
  if (days < 10) return 'fewDays';
  if (days < 18) return 'twoWeeks';
  if (days < 26) return 'threeWeeks';
  if (days < 45) return 'month';
  if (days < 75) return 'twoMonths';
  if (days < 105) return 'threeMonths';
  if (days < 200) return 'fewMonths';
  if (days < 330) return 'mostOfYear';
  if (days < 400) return 'year';
  return 'overYear';
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

/** Picks one of several phrasings, stable for one account and cycle so a retry renders the same email. */
export function pick<T>(options: readonly T[], seed: string): T {
  return options[fnv1a(seed) % options.length] as T;
}

/** What the last contact was, as a customer would recognise it; undefined when we should not say. */
export function lastContactKind(
  account: Pick<Account, 'lastContactKind'>,
  lastTouch?: Touch,
): 'answered' | 'spoke' | undefined {
  switch (lastTouch?.kind ?? account.lastContactKind) {
    case 'survey-answer':
      return 'answered';
    case 'note':
    case 'reply':
    case 'crm':
      return 'spoke';
    default:
      return undefined;
  }
}
