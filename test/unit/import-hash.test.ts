import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import type { ImportRecord } from '../../functions/core/account.ts';
import { importHashOf } from '../../functions/core/import/upsert-policy.ts';

const settings = parseSettings({});
const record: ImportRecord = {
  profile: {
    accountId: 'A-1',
    name: 'Acme',
    ownerEmail: 'o@example.com',
    strategic: false,
    products: ['Fleet'],
  },
  contacts: [
    { accountId: 'A-1', email: 'a@example.com', primary: true },
    { accountId: 'A-1', email: 'b@example.com', name: 'Bob', primary: false },
  ],
  lastContactAt: '2026-10-01T00:00:00.000Z',
};

describe('importHashOf', () => {
  it('is the same for the same data, whatever the order of contacts or absent optional keys', () => {
    const reordered: ImportRecord = {
      ...record,
      profile: { ...record.profile, segment: undefined },
      contacts: [...record.contacts].reverse(),
    };

    expect(importHashOf(reordered, settings)).toBe(importHashOf(record, settings));
  });

  it('changes when an account field, a contact or the last contact changes', () => {
    const h = importHashOf(record, settings);

    expect(importHashOf({ ...record, profile: { ...record.profile, annualRevenue: 1 } }, settings)).not.toBe(
      h,
    );
    expect(importHashOf({ ...record, contacts: record.contacts.slice(1) }, settings)).not.toBe(h);
    expect(importHashOf({ ...record, lastContactAt: undefined }, settings)).not.toBe(h);
  });

  it('changes when the tiering rules change, so a re-import re-tiers the account', () => {
    const other = parseSettings({ tiering: { rules: [{ tier: 'key', minEmployees: 10 }] } });

    expect(importHashOf(record, other)).not.toBe(importHashOf(record, settings));
  });
});
