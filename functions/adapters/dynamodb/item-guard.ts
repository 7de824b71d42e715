/**
 * Reads from DynamoDB are checked, not cast: each entity declares the attributes it needs and their
 * kinds, and an item that lacks one, or holds the wrong kind, fails with an error naming the entity,
 * its key and the attribute, never a value (values are addresses, names, comments).
 *
 * Hand-written rather than zod: a dozen lines instead of a schema library in every Lambda bundle,
 * and the store writes these items itself, so the check guards against drift (an old entity
 * version, a hand edit), not against hostile input.
 */

type Item = Record<string, unknown>;

/** An attribute's kind, or the strings it may hold. */
export type AttributeKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | readonly string[];

export interface ItemShape {
  readonly entity: string;
  readonly required: Readonly<Record<string, AttributeKind>>;
  /** Checked when present (null counts as absent). */
  readonly optional?: Readonly<Record<string, AttributeKind>>;
  /** Storage attributes (keys, entity tag, TTL) left out of what is read. */
  readonly storage: readonly string[];
}

export class CorruptItemError extends Error {
  constructor(
    readonly entity: string,
    readonly key: string,
    readonly problem: string,
  ) {
    super(`Stored ${entity} item (${key}) cannot be read: ${problem}`);
    this.name = 'CorruptItemError';
  }
}

/** A key for messages: an address inside one (ADDR#<email>, OWNER#<email>) is left out. */
function keyText(item: Item): string {
  const hide = (v: unknown) => String(v ?? '?').replace(/[^#\s]+@[^#\s]+/g, '<address>');
  return `pk=${hide(item.pk)}, sk=${hide(item.sk)}`;
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

function problemOf(name: string, value: unknown, kind: AttributeKind): string | undefined {
  if (typeof kind === 'string')
    return kindOf(value) === kind ? undefined : `${name} is ${kindOf(value)}, not ${kind}`;
  return typeof value === 'string' && kind.includes(value)
    ? undefined
    : `${name} is not one of ${kind.join(', ')}`;
}

/** The item as `T`, once every declared attribute checks out; storage attributes left out. */
export function readItem<T>(shape: ItemShape, item: Item): T {
  for (const [name, kind] of Object.entries(shape.required)) {
    const problem = item[name] === undefined ? `${name} is missing` : problemOf(name, item[name], kind);
    if (problem) throw new CorruptItemError(shape.entity, keyText(item), problem);
  }
  for (const [name, kind] of Object.entries(shape.optional ?? {})) {
    if (item[name] === undefined || item[name] === null) continue;
    const problem = problemOf(name, item[name], kind);
    if (problem) throw new CorruptItemError(shape.entity, keyText(item), problem);
  }
  const out: Item = { ...item };
  for (const k of shape.storage) delete out[k];
  return out as T;
}
