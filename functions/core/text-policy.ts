/**
 * The one text policy at the edges (import rows, CRM events, HTTP forms) and the last lines of
 * defence (email headers, terminal output). Whatever the input, no header is split, no script
 * runs, no control character reaches a terminal.
 *
 * - Every text: a lone UTF-16 surrogate (what invalid UTF-8 becomes) is refused, never replaced.
 * - Single-line fields (names, ids, emails, anything that may reach a Subject or a table cell):
 *   C0 and C1 control characters, DEL, line/paragraph separators and bidi overrides are refused,
 *   with the field named by the caller.
 * - Multi-line fields (comments, notes, complaint summaries): line ends are normalised to `\n`,
 *   tab and newline are kept, every other control character and bidi override is dropped.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
/** Bidi embeddings/overrides (LRE..RLO) and isolates (LRI..PDI): they reorder what a reader sees. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/u;
const LINE_SEPARATORS = /[\u2028\u2029]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** False when the text holds a lone UTF-16 surrogate (bytes that were not UTF-8; it cannot be stored). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a single-line value is refused ("contains a control character (U+000D)"), or undefined when
 * it is acceptable. The caller names the row and field.
 */
export function singleLineProblem(value: string): string | undefined {
  if (!isWellFormedText(value)) return 'contains characters that are not valid UTF-8';
  const control = CONTROL.exec(value) ?? LINE_SEPARATORS.exec(value);
  if (control) return `contains a control character (${codePoint(control[0])})`;
  const bidi = BIDI.exec(value);
  if (bidi) return `contains a bidirectional override (${codePoint(bidi[0])})`;
  return undefined;
}

/** Why a multi-line value is refused (only text that is not UTF-8), or undefined. */
export function multiLineProblem(value: string): string | undefined {
  return isWellFormedText(value) ? undefined : 'contains characters that are not valid UTF-8';
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const MULTI_LINE_DROP = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/** A multi-line value cleaned: `\r\n`/`\r`/U+2028/U+2029 → `\n`, other controls and bidi overrides dropped. */
export function cleanMultiLine(value: string): string {
  return value.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(MULTI_LINE_DROP, '');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const SINGLE_LINE_DROP = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/gu;

/**
 * A value made safe for one line (an email header, a log field): every control character, line
 * separator and bidi override becomes one space; lone surrogates become U+FFFD. For the last line
 * of defence only: the edges refuse such values first.
 */
export function cleanSingleLine(value: string): string {
  return value.replace(LONE_SURROGATES, '\uFFFD').replace(SINGLE_LINE_DROP, ' ');
}

const TERMINAL_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\uD800-\uDFFF]/gu;

/**
 * A value safe to print on a terminal: every control character (ESC, BEL, CR, LF, tab, C1 and so
 * on), line separator, bidi override and lone surrogate is shown as a visible `\xNN` / `\uNNNN`
 * escape, so no colour, OSC 8 link, title change or cursor move reaches the terminal.
 */
export function escapeForTerminal(value: string): string {
  return value.replace(TERMINAL_UNSAFE, (ch) => {
    const n = ch.codePointAt(0) ?? 0;
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** "a", "a and b", "a, b and c" (or "or"). */
export const listOf = (names: string[], conjunction = 'and') =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
