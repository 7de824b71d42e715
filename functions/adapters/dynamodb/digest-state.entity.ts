import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestState } from '../../core/digest/send-digests.ts';
import { batchGetItems } from './batch.ts';
import { type ItemShape, readItem } from './item-guard.ts';
import { DIGEST_STATE_SK, digestStatePk } from './keys.ts';

/**
 * What the owner digest remembers per owner: the zone last derived from the book, the last period
 * done and when the last digest went out. Keyed by the owner key (a hash), never by an address.
 * Exactly-once sending is the send ledger's job (pk SEND#<ownerKey>, sk digest#<period>); this item
 * only saves reading every book on every hourly tick.
 *
 * pk = DIGEST#<ownerKey>, sk = STATE
 */
export const DIGEST_STATE_ENTITY = 'digest-state';

const DIGEST_STATE_SHAPE: ItemShape = {
  entity: 'digest state',
  storage: ['pk', 'sk', 'entity', 'ev'],
  required: { ownerKey: 'string' },
};

export class DigestStateStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async getMany(ownerKeys: string[]): Promise<Map<string, DigestState>> {
    const out = new Map<string, DigestState>();
    const keys = ownerKeys.map((k) => ({ pk: digestStatePk(k), sk: DIGEST_STATE_SK }));
    for (const item of await batchGetItems(this, keys)) {
      const state = readItem<DigestState>(DIGEST_STATE_SHAPE, item);
      out.set(state.ownerKey, state);
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
