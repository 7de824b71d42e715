import { parseSettings } from '../../functions/config/settings.ts';
import { translator } from '../../functions/core/i18n/catalogue.ts';
import de from '../../functions/core/i18n/messages/de.ts';
import es from '../../functions/core/i18n/messages/es.ts';
import fr from '../../functions/core/i18n/messages/fr.ts';
import ja from '../../functions/core/i18n/messages/ja.ts';
import pt from '../../functions/core/i18n/messages/pt.ts';
import { type Voice, withTranslator } from '../../functions/core/i18n/voice.ts';

/** The shipped languages as voices of a named company, built without the lazy loader (galleries are synchronous). */
const company = parseSettings({
  company: { name: 'Northwind Traders', postalAddress: 'Hafenstraße 12, 20457 Hamburg, Germany' },
});
export const VOICES: Record<string, Voice> = Object.fromEntries(
  Object.entries({ de, es, fr, ja, pt }).map(([lang, c]) => [
    lang,
    withTranslator(translator(lang, c), company),
  ]),
);
