import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DeadLetter } from '../../core/crm/apply-crm-event.ts';
import { deadLetterPk, deadLetterSk } from './keys.ts';

/**
 * Inbound events the tool refused, kept for a user to list (`account-health dead-letters`).
 * Entity version 1.
 *
 * | item        | pk                     | sk                        | TTL (`expiresAt`)   |
 * |-------------|------------------------|---------------------------|---------------------|
 * | dead letter | DEADLETTER#<YYYY-MM>   | <receivedAt>#<eventId>    | received + 90 days  |
 *
 * One partition per month: refused events are rare, and "since <date>" reads only the months
 * from that date on, no Scan. The raw event is kept as JSON text, cut at RAW_CAP_BYTES (an item
 * may not exceed 400 KB; an event may be 256 KiB, and a refused one may be anything).
 */
export const DEAD_LETTER_ENTITY = 'dead-letter';
export const DEAD_LETTER_ENTITY_VERSION = 1;
export const DEAD_LETTER_TTL_DAYS = 90;
export const RAW_CAP_BYTES = 16 * 1024;

export const deadLetterMonth = (receivedAt: string) => receivedAt.slice(0, 7);

/** A dead letter as listed: the raw event as (possibly cut) JSON text. */
export interface StoredDeadLetter extends Omit<DeadLetter, 'raw'> {
  raw: string;
  /** Size of the whole raw event as JSON; `rawTruncated` when `raw` holds only its start. */
  rawBytes: number;
  rawTruncated: boolean;
}

type Item = Record<string, unknown>;

function rawText(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

/** Cuts UTF-8 text at a byte budget without splitting a character. */
function cutUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  return new TextDecoder('utf-8').decode(bytes.subarray(0, maxBytes)).replace(/\uFFFD$/, '');
}

export function deadLetterToItem(letter: DeadLetter): Item {
  const text = rawText(letter.raw);
  const rawBytes = Buffer.byteLength(text, 'utf8');
  const eventId = letter.eventId || 'no-id';
  return {
    pk: deadLetterPk(deadLetterMonth(letter.receivedAt)),
    sk: deadLetterSk(letter.receivedAt, eventId),
    entity: DEAD_LETTER_ENTITY,
    ev: DEAD_LETTER_ENTITY_VERSION,
    receivedAt: letter.receivedAt,
    eventId,
    detailType: letter.detailType,
    source: letter.source,
    accountId: letter.accountId,
    reason: letter.reason,
    raw: cutUtf8(text, RAW_CAP_BYTES),
    rawBytes,
    rawTruncated: rawBytes > RAW_CAP_BYTES,
    expiresAt: Math.floor(Date.parse(letter.receivedAt) / 1000) + DEAD_LETTER_TTL_DAYS * 86_400,
  };
}

export function itemToDeadLetter(item: Item): StoredDeadLetter {
  return {
    receivedAt: String(item.receivedAt),
    eventId: String(item.eventId),
    detailType: String(item.detailType ?? ''),
    source: String(item.source ?? ''),
    accountId: typeof item.accountId === 'string' ? item.accountId : undefined,
    reason: String(item.reason ?? ''),
    raw: String(item.raw ?? ''),
    rawBytes: Number(item.rawBytes ?? 0),
    rawTruncated: item.rawTruncated === true,
  };
}

/** The months from `since` to `until`, oldest first ("2026-10", "2026-11"). */
export function monthsBetween(since: Date, until: Date): string[] {
  const months: string[] = [];
  let y = since.getUTCFullYear();
  let m = since.getUTCMonth();
  const endY = until.getUTCFullYear();
  const endM = until.getUTCMonth();
  while (y < endY || (y === endY && m <= endM)) {
    months.push(`${y}-${String(m + 1).padStart(2, '0')}`);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return months;
}

export class DeadLetterStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(letter: DeadLetter): Promise<void> {
    // Removes undefined attributes (the document client refuses them unless told otherwise).
    const item = Object.fromEntries(
      Object.entries(deadLetterToItem(letter)).filter(([, v]) => v !== undefined),
    );
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  /**
   * Dead letters received at or after `since` (default: the last 90 days, what TTL keeps) up to
   * `now`, oldest first.
   */
  async list(opts: { now: Date; since?: Date | undefined }): Promise<StoredDeadLetter[]> {
    const since = opts.since ?? new Date(opts.now.getTime() - DEAD_LETTER_TTL_DAYS * 86_400_000);
    const months = monthsBetween(since, opts.now);
    const pages = await Promise.all(months.map((month) => this.listMonth(month, since.toISOString())));
    return pages.flat();
  }

  private async listMonth(month: string, fromSk: string): Promise<StoredDeadLetter[]> {
    const out: StoredDeadLetter[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk >= :from',
          ExpressionAttributeValues: { ':pk': deadLetterPk(month), ':from': fromSk },
          ExclusiveStartKey,
        }),
      );
      out.push(...(r.Items ?? []).map(itemToDeadLetter));
      ExclusiveStartKey = r.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return out;
  }
}
