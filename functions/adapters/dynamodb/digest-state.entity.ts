import { BatchGetCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestState } from '../../core/digest/send-digests.ts';

/**
 * What the owner digest remembers per owner: the zone last derived from the book, the last period
 * done and when the last digest went out. Keyed by the owner key (a hash), never by an address.
 * Exactly-once sending is the send ledger's job (pk SEND#<ownerKey>, sk digest#<period>); this item
 * only saves reading every book on every hourly tick.
 *
 * pk = DIGEST#<ownerKey>, sk = STATE
 */
export const DIGEST_STATE_ENTITY = 'digest-state';
export const digestStatePk = (ownerKey: string) => `DIGEST#${ownerKey}`;
export const DIGEST_STATE_SK = 'STATE';

export class DigestStateStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async getMany(ownerKeys: string[]): Promise<Map<string, DigestState>> {
    const out = new Map<string, DigestState>();
    for (let i = 0; i < ownerKeys.length; i += 100) {
      let keys: Record<string, unknown>[] = ownerKeys
        .slice(i, i + 100)
        .map((k) => ({ pk: digestStatePk(k), sk: DIGEST_STATE_SK }));
      for (let attempt = 0; keys.length > 0 && attempt < 10; attempt++) {
        const r = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of r.Responses?.[this.tableName] ?? []) {
          const { pk: _pk, sk: _sk, entity: _e, ev: _ev, ...state } = item;
          out.set(String(item.ownerKey), state as DigestState);
        }
        keys = r.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        if (keys.length) await new Promise((res) => setTimeout(res, 50 * 2 ** attempt));
      }
    }
    return out;
  }

  async put(state: DigestState): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: digestStatePk(state.ownerKey),
          sk: DIGEST_STATE_SK,
          entity: DIGEST_STATE_ENTITY,
          ev: 1,
          ...state,
        },
      }),
    );
  }
}
