/**
 * HTML escaping for pages and emails. Every value that reaches markup goes through `escapeHtml`,
 * either directly or as an interpolation of the `html` tagged template, so a template cannot forget
 * it: only what is wrapped in `raw(...)` (or is itself the result of `html`) passes unescaped.
 */

const RAW = Symbol('raw-html');

/** Markup that is already safe: the result of `html` or an explicit `raw(...)`. */
export interface RawHtml {
  readonly [RAW]: true;
  readonly value: string;
  toString(): string;
}

function makeRaw(value: string): RawHtml {
  return { [RAW]: true, value, toString: () => value };
}

/** Marks trusted markup (a constant, or the output of another template) to be inserted as is. */
export function raw(markup: string): RawHtml {
  return makeRaw(markup);
}

export function isRawHtml(value: unknown): value is RawHtml {
  return typeof value === 'object' && value !== null && (value as { [RAW]?: unknown })[RAW] === true;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function render(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (isRawHtml(value)) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

/**
 * Tagged template that escapes every interpolation. `undefined`, `null` and `false` render as
 * nothing (so `${cond && html`...`}` works); arrays render item by item.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return makeRaw(out);
}
