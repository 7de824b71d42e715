/**
 * Languages as BCP 47 tags: checked and written in their canonical form ("pt-br" → "pt-BR"), and
 * matched to a catalogue from the most specific tag to its language ("de-AT" → "de" → English).
 */

/** The canonical form of a BCP 47 tag, or undefined when it is not one. */
export function canonicalLanguage(tag: string): string | undefined {
  const t = tag.trim();
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(t)) return undefined;
  try {
    return Intl.getCanonicalLocales(t)[0];
  } catch {
    return undefined;
  }
}

/** The problem with a language tag, for a settings or import message; undefined when it is fine. */
export function languageProblem(tag: string): string | undefined {
  return canonicalLanguage(tag)
    ? undefined
    : `"${tag}" is not a BCP 47 language tag (e.g. en, de, pt-BR, ja)`;
}

/** The tags to try for a catalogue, most specific first: "pt-BR" → ["pt-BR", "pt"]. */
export function candidateTags(tag: string): string[] {
  const canonical = canonicalLanguage(tag);
  if (!canonical) return [];
  const out: string[] = [];
  const parts = canonical.split('-');
  for (let n = parts.length; n >= 1; n--) out.push(parts.slice(0, n).join('-'));
  return [...new Set(out)];
}

/**
 * The language a contact is written to in: the contact's own, else the account's, else the
 * configured default. Each is a canonical tag or absent ("not given").
 */
export function languageOf(
  account: { language?: string | undefined; contactLanguages?: Readonly<Record<string, string>> | undefined },
  contactEmail: string | undefined,
  defaultLanguage: string,
): string {
  const own = contactEmail ? account.contactLanguages?.[contactEmail.toLowerCase()] : undefined;
  return own ?? account.language ?? defaultLanguage;
}
