import * as z from 'zod/mini';
import { TIERS, type Tier } from '../domain/vocabulary.ts';
import { canonicalLanguage } from '../i18n/language.ts';
import { listOf, singleLineProblem } from '../text-policy.ts';
import { isMonthDay, parseIsoDateOrInstant } from '../time.ts';

/** The cells of an import row: text in, a typed value or a reason out (validate-rows.ts uses them). */

// --- Cells: text in, typed value or a reason out ---------------------------------------------

export class Invalid {
  constructor(readonly message: string) {}
}
export const invalid = (message: string) => new Invalid(message);

/** A zod schema for one cell: '' is an empty cell; `parse` returns the value or why it is bad. */
export function cell<T>(parse: (value: string) => T | Invalid) {
  return z.pipe(
    z.string(),
    z.transform((value: string, ctx) => {
      // Every import column is single-line: the text policy runs before the column's own check.
      const problem = singleLineProblem(value);
      const r = problem ? invalid(problem) : parse(value);
      if (r instanceof Invalid) {
        ctx.issues.push({ code: 'custom', message: r.message, input: value });
        return z.NEVER;
      }
      return r;
    }),
  );
}

/** Echoes a bad value in a message, short enough for a terminal. Never used for emails. */
export const quote = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

export const MAX_TEXT = 256;
export const MISSING = 'is missing (required)';

export const tooLong = (v: string) =>
  v.length > MAX_TEXT ? invalid(`is longer than ${MAX_TEXT} characters`) : v;
export const requiredText = (v: string) => (v ? tooLong(v) : invalid(MISSING));
export const optionalText = (v: string) => (v ? tooLong(v) : undefined);

export const ID_MAX = 128;
export const accountId = (v: string) => {
  if (!v) return invalid(MISSING);
  if (v.length > ID_MAX) return invalid(`is longer than ${ID_MAX} characters`);
  return v;
};

export const emailSchema = z.email();
/** Lower-cased: an address is a person's identity whatever case a CRM wrote it in. */
export function email(v: string) {
  const lower = v.toLowerCase();
  return emailSchema.safeParse(lower).success ? lower : invalid('is not a valid email address');
}
export const requiredEmail = (v: string) => (v ? email(v) : invalid(MISSING));
export const optionalEmail = (v: string) => (v ? email(v) : undefined);

export const NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;
/** Plain or comma-grouped ("1,250,000.50"); a decimal comma ("1,5") is refused, not guessed. */
export function parseNumber(v: string): number | undefined {
  return NUMBER.test(v) ? Number(v.replace(/,/g, '')) : undefined;
}

export const amount = (v: string) => {
  if (!v) return undefined;
  const n = parseNumber(v);
  if (n === undefined) return invalid(`${quote(v)} is not a number`);
  if (n < 0) return invalid('must not be negative');
  return n;
};

export const percent = (v: string) => {
  if (!v) return undefined;
  const n = parseNumber(v.replace(/\s*%$/, ''));
  if (n === undefined) return invalid(`${quote(v)} is not a number`);
  if (n > 100) return invalid(`${quote(v)} is above 100 (a margin is a percentage of revenue)`);
  return n;
};

export const count = (v: string) => {
  if (!v) return undefined;
  const n = parseNumber(v);
  if (n === undefined) return invalid(`${quote(v)} is not a number`);
  if (!Number.isInteger(n) || n < 0) return invalid(`${quote(v)} is not a whole number of people`);
  return n;
};

export const TRUE = new Set(['true', 'yes', 'y', '1']);
export const FALSE = new Set(['false', 'no', 'n', '0', '']);
export const flag = (v: string) => {
  const lower = v.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return invalid(`${quote(v)} is not true or false`);
};

export const tier = (v: string) => {
  if (!v) return undefined;
  const lower = v.toLowerCase();
  return (TIERS as readonly string[]).includes(lower)
    ? (lower as Tier)
    : invalid(`${quote(v)} is not a tier override (use ${listOf([...TIERS], 'or')})`);
};

export const products = (v: string) => {
  const seen = new Set<string>();
  for (const p of v.split(';')) {
    const name = p.trim();
    if (name) seen.add(name);
  }
  for (const p of seen)
    if (p.length > MAX_TEXT) return invalid(`a product is longer than ${MAX_TEXT} characters`);
  return [...seen];
};

export const zones = new Map<string, string | undefined>();
/** The zone's canonical IANA name ("europe/paris" is Europe/Paris); undefined when not a zone. */
export function canonicalZone(v: string): string | undefined {
  if (zones.has(v)) return zones.get(v);
  let zone: string | undefined;
  // Offsets ("+02:00") are not zones: they know nothing of daylight saving time.
  if (!/^[+-]/.test(v)) {
    try {
      zone = new Intl.DateTimeFormat('en-US', { timeZone: v }).resolvedOptions().timeZone;
    } catch {
      zone = undefined;
    }
  }
  zones.set(v, zone);
  return zone;
}

export const timeZone = (v: string) => {
  if (!v) return undefined;
  return canonicalZone(v) ?? invalid(`${quote(v)} is not an IANA time zone (e.g. Europe/Paris)`);
};

/** A calendar day, YYYY-MM-DD; a full ISO time is accepted and its written date kept. */
export const calendarDate = (v: string) => {
  if (!v) return undefined;
  return parseIsoDateOrInstant(v) ? v.slice(0, 10) : invalid(`${quote(v)} is not a date (use YYYY-MM-DD)`);
};

/** A past instant: an ISO date (midnight UTC) or an ISO time with an offset. */
export const pastInstant = (now: Date) => (v: string) => {
  if (!v) return undefined;
  const at = parseIsoDateOrInstant(v);
  if (!at) return invalid(`${quote(v)} is not an ISO date or time (use YYYY-MM-DD or 2026-03-01T14:30:00Z)`);
  // A day's grace: a date written in a zone east of UTC can be "tomorrow" in UTC.
  if (at.getTime() > now.getTime() + 86_400_000) return invalid(`${quote(v)} is in the future`);
  return at.toISOString();
};

/** A BCP 47 language tag, kept in its canonical form ("pt-br" → "pt-BR"). */
export const language = (v: string) => {
  if (!v) return undefined;
  return canonicalLanguage(v) ?? invalid(`${quote(v)} is not a BCP 47 language tag (e.g. en, de, pt-BR, ja)`);
};

export const birthday = (v: string) => {
  if (!v) return undefined;
  if (isMonthDay(v)) return v;
  const full = /^\d{4}-(\d{2}-\d{2})$/.exec(v);
  if (full?.[1] && parseIsoDateOrInstant(v)) return full[1];
  return invalid(`${quote(v)} is not a birthday (use MM-DD, e.g. 03-15, or YYYY-MM-DD)`);
};
