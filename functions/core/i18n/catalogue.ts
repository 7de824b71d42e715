import type { RawHtml } from '../html.ts';
import { raw } from '../html.ts';
import { formatMessage, type MessageValues } from './format.ts';
import { candidateTags } from './language.ts';
import english, { type messages } from './messages/en.ts';

/**
 * One catalogue per language, one file each in `messages/`: `messages/<tag>.ts` default-exports
 * `{ dir, messages }` (see en.ts). Adding a language is dropping in its file: it is found by its
 * tag ("pt-BR" tries pt-BR, then pt) and loaded on first use only. English, the fallback, is part
 * of every bundle; the others are not: a Lambda's bundle step compiles each to `messages/<tag>.mjs`
 * beside the bundle (lib/constructs/account-health-function.ts), so a function loads only the
 * languages it speaks and its size and start-up do not grow with every language added. A key a
 * catalogue lacks, or a language without one, falls back to English.
 */

export type MessageKey = keyof typeof messages;

export interface Catalogue {
  /** Writing direction of the language. @default 'ltr' */
  readonly dir?: 'ltr' | 'rtl' | undefined;
  /**
   * How a greeting names a person: `given` uses the first word of the name ("Ana" of "Ana Lima");
   * `full` the whole name, for languages that address people by full or family name (ja: 山田 太郎様).
   * @default 'given'
   */
  readonly nameForm?: 'given' | 'full' | undefined;
  /** The locale dates, numbers and lists are formatted in, when not the tag itself (en: en-GB, "15 January"). */
  readonly formatLocale?: string | undefined;
  readonly messages: Readonly<Partial<Record<MessageKey, string>>>;
}

/** Speaks one language: formats its messages as markup, as text/plain, or as a header line. */
export interface Translator {
  /** The tag the catalogue was found under ("de" for a contact given "de-AT"). */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly nameForm: 'given' | 'full';
  html(key: MessageKey, values?: MessageValues): RawHtml;
  text(key: MessageKey, values?: MessageValues): string;
  /** For a Subject: no markup, no bidi controls (a header refuses them). */
  line(key: MessageKey, values?: MessageValues): string;
}

export function translator(lang: string, catalogue: Catalogue): Translator {
  const locale = catalogue.formatLocale ?? lang;
  const englishLocale = (english as Catalogue).formatLocale ?? 'en';
  const message = (key: MessageKey): [string, string] => {
    const own = catalogue.messages[key];
    return own === undefined ? [english.messages[key], englishLocale] : [own, locale];
  };
  return {
    lang,
    dir: catalogue.dir ?? 'ltr',
    nameForm: catalogue.nameForm ?? 'given',
    html: (key, values = {}) => raw(formatMessage(...message(key), values, 'html')),
    text: (key, values = {}) => formatMessage(...message(key), values, 'text'),
    line: (key, values = {}) => formatMessage(...message(key), values, 'line'),
  };
}

export const ENGLISH: Translator = translator('en', english);

/** Loads `messages/<tag>.ts`; undefined when there is none (or it does not hold a catalogue). */
export type CatalogueImporter = (tag: string) => Promise<Catalogue | undefined>;

/** Beside a bundle, `messages/<tag>.mjs`; in the sources (tsx, tests), `messages/<tag>.ts`. */
const CATALOGUE_FILES = ['mjs', 'ts'] as const;

const importCatalogue: CatalogueImporter = async (tag) => {
  for (const extension of CATALOGUE_FILES) {
    // `tag` is a canonical BCP 47 tag (letters, digits, hyphens): it cannot leave messages/.
    const url = new URL(`./messages/${tag}.${extension}`, import.meta.url).href;
    try {
      const mod = (await import(/* @vite-ignore */ url)) as { default?: Catalogue };
      if (mod.default && typeof mod.default.messages === 'object') return mod.default;
    } catch {
      // Not there in this form: try the next, then fall back.
    }
  }
  return undefined;
};

const loaded = new Map<string, Promise<Translator | undefined>>();

/**
 * The translator for a language tag: its most specific catalogue, else English. Loaded once per
 * process and tag.
 */
export async function translatorFor(
  tag: string | undefined,
  load: CatalogueImporter = importCatalogue,
): Promise<Translator> {
  for (const candidate of candidateTags(tag ?? 'en')) {
    if (candidate === 'en') return ENGLISH;
    const key = load === importCatalogue ? candidate : undefined;
    let found = key ? loaded.get(key) : undefined;
    if (!found) {
      found = load(candidate).then((c) => (c ? translator(candidate, c) : undefined));
      if (key) loaded.set(key, found);
    }
    const t = await found;
    if (t) return t;
  }
  return ENGLISH;
}

/** The name a greeting uses in this language: the first word, or the whole name. */
export function addressName(t: Pick<Translator, 'nameForm'>, name: string | undefined): string | undefined {
  const trimmed = name?.trim();
  if (!trimmed) return undefined;
  if (t.nameForm === 'full') return trimmed;
  const first = trimmed.split(/\s+/)[0];
  return first && first.length > 1 ? first : undefined;
}
