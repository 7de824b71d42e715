import { IntlMessageFormat } from 'intl-messageformat';
import { escapeHtml, type RawHtml, raw } from '../html.ts';

/**
 * ICU MessageFormat with the two output forms an email needs. Catalogue text is trusted; every
 * value is not: in HTML it is escaped and wrapped in <bdi>, in plain text it sits between U+2068
 * FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, so an Arabic name in a German sentence
 * (or a Latin one in Hebrew) cannot reorder the words around it. Arguments a message selects or
 * counts on (`plural`, `select`, `number`, `date`) are passed to ICU as they are.
 */

/** A rich-text tag of a message (`<link>Unsubscribe</link>`): its markup, and its plain-text form. */
export interface Tag {
  readonly tag: true;
  readonly open: string;
  readonly close: string;
  /** Appended after the tag's words in text/plain (a link's address: "Unsubscribe <https://…>"). */
  readonly textAfter?: string | undefined;
}

export type MessageValue = string | number | Date | readonly string[] | RawHtml | Tag;
export type MessageValues = Readonly<Record<string, MessageValue | undefined>>;
export type OutputMode = 'html' | 'text' | 'line';

/** A link inside a message: `<link>…</link>` in the catalogue. */
export const linkTag = (href: string, style = ''): Tag => ({
  tag: true,
  open: `<a href="${escapeHtml(href)}"${style ? ` style="${escapeHtml(style)}"` : ''}>`,
  close: '</a>',
  textAfter: ` <${href}>`,
});

/** `<b>…</b>` in the catalogue: strong in HTML, plain words in text. */
export const strongTag: Tag = { tag: true, open: '<strong>', close: '</strong>' };

const isTag = (v: unknown): v is Tag => typeof v === 'object' && v !== null && (v as Tag).tag === true;
const isRaw = (v: unknown): v is RawHtml => typeof v === 'object' && v !== null && 'value' in v && !isTag(v);

/** Dates in messages are calendar days: shown as written, whatever the reader's zone. */
const FORMATS = {
  date: {
    dayMonth: { day: 'numeric', month: 'long', timeZone: 'UTC' },
    long: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
  },
} as const;

interface AstNode {
  type: number;
  value?: string;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}
// intl-messageformat's element types: 0 literal, 1 argument, 2 number, 3 date, 4 time, 5 select,
// 6 plural, 7 pound, 8 tag.
const FORMATTED_TYPES = new Set([2, 3, 4, 5, 6]);

function collectArgs(nodes: AstNode[], plain: Set<string>, formatted: Set<string>): void {
  for (const n of nodes) {
    if (n.type === 1 && n.value) plain.add(n.value);
    if (FORMATTED_TYPES.has(n.type) && n.value) formatted.add(n.value);
    if (n.options) for (const o of Object.values(n.options)) collectArgs(o.value, plain, formatted);
    if (n.children) collectArgs(n.children, plain, formatted);
    if (n.type === 8 && n.value) formatted.add(n.value);
  }
}

/** The arguments a message names: `plain` are inserted as text, `formatted` are selected or counted on. */
export function argumentsOf(message: string): { plain: string[]; formatted: string[] } {
  const ast = new IntlMessageFormat(message, 'en').getAst() as unknown as AstNode[];
  const plain = new Set<string>();
  const formatted = new Set<string>();
  collectArgs(ast, plain, formatted);
  return { plain: [...plain], formatted: [...formatted] };
}

interface Compiled {
  format: IntlMessageFormat;
  formatted: Set<string>;
}

const compiled = new Map<string, Compiled>();

function compile(message: string, locale: string): Compiled {
  const key = `${locale}\u0000${message}`;
  let c = compiled.get(key);
  if (!c) {
    const format = new IntlMessageFormat(message, locale, FORMATS as never);
    const plain = new Set<string>();
    const formatted = new Set<string>();
    collectArgs(format.getAst() as unknown as AstNode[], plain, formatted);
    c = { format, formatted };
    compiled.set(key, c);
  }
  return c;
}

// Private-use markers stand in for values while ICU formats and the text is escaped.
const VALUE = (i: number) => `\uE000${i}\uE001`;
const OPEN = (i: number) => `\uE002${i}\uE003`;
const CLOSE = (i: number) => `\uE004${i}\uE005`;
// A value's marker takes the full stop after it along: a name that ends in one ("Acme Corp.") gets no second.
const MARKER = /\uE000(\d+)\uE001(\.)?|\uE002(\d+)\uE003|\uE004(\d+)\uE005/g;

const FSI = '\u2068';
const PDI = '\u2069';

function isolate(text: string, mode: OutputMode): string {
  if (mode === 'html') return `<bdi>${escapeHtml(text)}</bdi>`;
  // A header (Subject) refuses isolates (they are bidi controls): there the value stands as it is.
  return mode === 'text' ? `${FSI}${text}${PDI}` : text;
}

/**
 * Formats `message` in `locale`. `html`: markup, values escaped and isolated; `text`: a
 * text/plain line with isolated values; `line`: a header value (Subject), no controls at all.
 */
export function formatMessage(
  message: string,
  locale: string,
  values: MessageValues,
  mode: OutputMode,
): string {
  const { format, formatted } = compile(message, locale);
  const slots: string[] = [];
  const stops = new Set<number>();
  const tags: Tag[] = [];
  const args: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (isTag(v)) {
      const i = tags.push(v) - 1;
      args[name] = (chunks: unknown[]) => `${OPEN(i)}${chunks.join('')}${CLOSE(i)}`;
    } else if (formatted.has(name) || typeof v === 'number' || v instanceof Date) args[name] = v;
    else if (isRaw(v)) args[name] = VALUE(slots.push(mode === 'html' ? v.value : String(v)) - 1);
    else if (Array.isArray(v)) {
      const items = (v as readonly string[]).map((item) => isolate(item, mode));
      args[name] = VALUE(slots.push(new Intl.ListFormat(locale, { type: 'conjunction' }).format(items)) - 1);
    } else {
      const i = slots.push(isolate(String(v), mode)) - 1;
      if (/\.\s*$/.test(String(v))) stops.add(i);
      args[name] = VALUE(i);
    }
  }
  const out = format.format(args as never);
  const joined = Array.isArray(out) ? out.join('') : String(out);
  const text = mode === 'html' ? escapeHtml(joined) : joined;
  return text.replace(MARKER, (_m, v?: string, stop?: string, o?: string, c?: string) => {
    if (v !== undefined) return (slots[Number(v)] ?? '') + (stop && !stops.has(Number(v)) ? stop : '');
    const tag = tags[Number(o ?? c)];
    if (!tag) return '';
    if (mode === 'html') return o !== undefined ? tag.open : tag.close;
    return o !== undefined ? '' : (tag.textAfter ?? '');
  });
}

export const asHtml = (markup: string): RawHtml => raw(markup);
