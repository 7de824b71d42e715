import { describe, expect, it } from 'vitest';
import { itemToAccount, itemToOwner } from '../../functions/adapters/dynamodb/account.entity.ts';
import { CorruptItemError } from '../../functions/adapters/dynamodb/item-guard.ts';
import { itemToSurvey } from '../../functions/adapters/dynamodb/survey.entity.ts';

describe('reading items from the table', () => {
  it('returns the entity without its storage attributes when the item checks out', () => {
    const owner = itemToOwner({
      pk: 'OWNERS',
      sk: 'OWNER#o@example.com',
      entity: 'owner',
      ev: 1,
      email: 'o@example.com',
    });

    expect(owner).toEqual({ email: 'o@example.com' });
  });

  it('fails naming the entity, its key and the attribute when a required one is missing', () => {
    const read = () => itemToAccount({ pk: 'ACCT#A-1', sk: 'ACCOUNT', accountId: 'A-1', name: 'Acme' });

    expect(read).toThrow(CorruptItemError);
    expect(read).toThrow(/account item \(pk=ACCT#A-1, sk=ACCOUNT\).*ownerEmail is missing/);
  });

  it('fails on an attribute of the wrong kind or outside its values, without showing the value', () => {
    const survey = {
      pk: 'ACCT#A-1',
      sk: 'SURVEY#s1',
      surveyId: 's1',
      accountId: 'A-1',
      contactEmail: 'dana@example.com',
      kind: 'nps',
      ownerEmail: 'o@example.com',
      sentAt: '2026-11-01T09:00:00.000Z',
      linkExpiresAt: '2026-11-15T09:00:00.000Z',
      status: 'answered',
    };

    expect(() => itemToSurvey({ ...survey, score: '9' })).toThrow(/score is string, not number/);
    expect(() => itemToSurvey({ ...survey, status: 'lost' })).toThrow(/status is not one of sent, answered/);
    expect(() => itemToSurvey({ ...survey, status: 'lost' })).not.toThrow(/lost/);
  });

  it('never puts an address from the key into the message', () => {
    const read = () => itemToOwner({ pk: 'OWNERS', sk: 'OWNER#o@example.com', entity: 'owner' });

    expect(read).toThrow(/sk=OWNER#<address>/);
    expect(read).not.toThrow(/example\.com/);
  });
});
