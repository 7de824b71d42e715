import type { Settings } from '../../config/settings.ts';
import type { CompanySettings, Wording } from '../../config/voice-settings.ts';
import type { SurveyKind, Tier } from '../domain/vocabulary.ts';
import { type RawHtml, raw } from '../html.ts';
import { ENGLISH, type MessageKey, type Translator, translatorFor } from './catalogue.ts';
import { formatMessage, type MessageValues, type OutputMode } from './format.ts';
import { candidateTags } from './language.ts';

/**
 * The voice of an email or page: the language it is written in and the company it speaks for.
 * Every customer-facing renderer takes one.
 */
export interface Voice {
  readonly t: Translator;
  readonly company: CompanySettings;
  /** The business's wording of survey questions (settings.surveys.questions). */
  readonly questions: Settings['surveys']['questions'];
  readonly defaultLanguage: string;
}

const DEFAULT_COMPANY: CompanySettings = { brandColor: '#0a58ca' };

export type VoiceSettings = Pick<Settings, 'company' | 'defaultLanguage'> & {
  surveys: Pick<Settings['surveys'], 'questions'>;
};

/** The voice for a language tag (a contact's, resolved with `languageOf`). */
export async function voiceFor(language: string | undefined, settings?: VoiceSettings): Promise<Voice> {
  return withTranslator(await translatorFor(language), settings);
}

export function withTranslator(t: Translator, settings?: VoiceSettings): Voice {
  return {
    t,
    company: settings?.company ?? DEFAULT_COMPANY,
    questions: settings?.surveys.questions ?? {},
    defaultLanguage: settings?.defaultLanguage ?? 'en',
  };
}

/** English with default settings: for previews and tests that do not care about language. */
export const DEFAULT_VOICE: Voice = withTranslator(ENGLISH);

/** A text in three forms: markup, text/plain, header line. */
export interface Phrase {
  html: RawHtml;
  text: string;
  line: string;
}

export function phrase(t: Translator, key: MessageKey, values?: MessageValues): Phrase {
  return { html: t.html(key, values), text: t.text(key, values), line: t.line(key, values) };
}

function configured(wording: Wording | undefined, voice: Voice): string | undefined {
  if (wording === undefined) return undefined;
  if (typeof wording === 'string')
    return voice.t.lang === voice.defaultLanguage.split('-')[0] || voice.t.lang === voice.defaultLanguage
      ? wording
      : undefined;
  for (const tag of candidateTags(voice.t.lang)) if (wording[tag] !== undefined) return wording[tag];
  return undefined;
}

/**
 * The survey's question and follow-up for one account, the same in the email and on the page:
 * the business's wording for the tier and kind (in the reader's language) when it has one, else
 * the catalogue's, about the product when the account has exactly one, else about the company.
 */
export function surveyWording(
  voice: Voice,
  kind: SurveyKind,
  tier: Tier | undefined,
  product: string | undefined,
): { question: Phrase; followUp: Phrase } {
  const company = voice.company.name;
  const about = product ?? company;
  const pick = (field: 'question' | 'followUp'): Phrase | undefined => {
    const text =
      configured(tier ? voice.questions.byTier?.[tier]?.[kind]?.[field] : undefined, voice) ??
      configured(voice.questions[kind]?.[field], voice);
    if (text === undefined) return undefined;
    const values = { company, product: about };
    // {product} with neither a single product nor a company name has nothing to say: built-in text.
    if (/\{\s*product\s*\}/.test(text) && about === undefined) return undefined;
    const as = (mode: OutputMode) => formatMessage(text, voice.t.lang, values, mode);
    return { html: raw(as('html')), text: as('text'), line: as('line') };
  };
  return {
    question:
      pick('question') ??
      phrase(voice.t, `survey.question.${kind}`, { about: about ? 'named' : 'other', name: about ?? '' }),
    followUp: pick('followUp') ?? phrase(voice.t, `survey.followUp.${kind}`),
  };
}

/** The product a survey names: the account's only one. */
export const surveyProduct = (products: readonly string[]) =>
  products.length === 1 ? products[0] : undefined;
