import * as z from 'zod/mini';
import { argumentsOf } from '../core/i18n/format.ts';
import { canonicalLanguage } from '../core/i18n/language.ts';
import { singleLineProblem } from '../core/text-policy.ts';

/**
 * Who the emails and pages speak for (the company), in which language by default, and the survey
 * questions when the business words them itself. README, "Company, languages and questions".
 */

const httpUrl = (protocols: readonly string[], what: string) =>
  z.string().check(
    z.refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `expected ${what}` },
    ),
  );

/** Relative luminance of #rrggbb (WCAG 2). */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast of white text on the colour: buttons and the chosen score are white on it. */
export const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

const brandColor = z.string().check(
  z.regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb, e.g. #0a58ca'),
  z.refine((v) => !/^#[0-9a-fA-F]{6}$/.test(v) || contrastWithWhite(v) >= 4.5, {
    message: 'white text on this colour is below 4.5:1 contrast; choose a darker colour',
  }),
);

const singleLine = (max: number) =>
  z.string().check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(max),
    z.refine((v) => singleLineProblem(v) === undefined, {
      message: 'must be one line without control characters or bidi overrides',
    }),
  );

export const languageTag = z.pipe(
  z.string().check(
    z.refine((v) => canonicalLanguage(v) !== undefined, {
      message: 'not a BCP 47 language tag (e.g. en, de, pt-BR)',
    }),
  ),
  z.transform((v: string) => canonicalLanguage(v) as string),
);

export const companySchema = z.strictObject({
  /** Named in survey questions, pages and footers; without it they say "us" and "our company". */
  name: z.optional(singleLine(120)),
  /** An https image shown above surveys and on pages; at most 48 px high. */
  logoUrl: z.optional(httpUrl(['https:'], 'an https:// URL')),
  /** Buttons and the chosen score; white text on it must reach 4.5:1. @default '#0a58ca' */
  brandColor: z._default(brandColor, '#0a58ca'),
  /** The postal address in the footer of every email to a customer (CAN-SPAM asks for one). */
  postalAddress: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(300))),
  privacyPolicyUrl: z.optional(httpUrl(['https:', 'http:'], 'an http:// or https:// URL')),
});
export type CompanySettings = z.infer<typeof companySchema>;

const ALLOWED_PLACEHOLDERS = new Set(['company', 'product']);

/** A text the business words: one per language tag, or a plain string in `defaultLanguage`. */
const wording = z
  .union([z.string().check(z.minLength(1)), z.record(languageTag, z.string().check(z.minLength(1)))])
  .check(
    z.refine(
      (v) => {
        for (const text of typeof v === 'string' ? [v] : Object.values(v)) {
          try {
            const { plain, formatted } = argumentsOf(text);
            if ([...plain, ...formatted].some((a) => !ALLOWED_PLACEHOLDERS.has(a))) return false;
          } catch {
            return false;
          }
        }
        return true;
      },
      { message: 'only the placeholders {company} and {product} may be used (and braces must pair)' },
    ),
  );
export type Wording = z.infer<typeof wording>;

const questionSchema = z.strictObject({
  /** The survey's one question (email subject, email and page). */
  question: z.optional(wording),
  /** The prompt of the comment box on the page. */
  followUp: z.optional(wording),
});
export type QuestionWording = z.infer<typeof questionSchema>;

const byKind = z.strictObject({ nps: z.optional(questionSchema), csat: z.optional(questionSchema) });

export const questionsSchema = z._default(
  z.strictObject({
    nps: z.optional(questionSchema),
    csat: z.optional(questionSchema),
    /** Per tier, before the per-kind wording. */
    byTier: z.optional(
      z.strictObject({ key: z.optional(byKind), growth: z.optional(byKind), standard: z.optional(byKind) }),
    ),
  }),
  {},
);
export type QuestionSettings = z.infer<typeof questionsSchema>;
