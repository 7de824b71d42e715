import { describe, expect, it } from 'vitest';
import { membershipChanges } from '../../../functions/adapters/dynamodb/membership.ts';
import { parseSettings } from '../../../functions/config/settings.ts';
import { nextDueAt } from '../../../functions/core/account.ts';
import { signalIdOf } from '../../../functions/core/health/negative-signal.ts';

const settings = parseSettings({});
const NOW = new Date('2026-11-18T10:00:00.000Z');

describe('nextDueAt with an expedited check-in', () => {
  const base = { tier: 'key' as const, timeZone: 'UTC', lastContactAt: '2026-11-10T10:00:00.000Z' };

  it('brings the next check-in forward to the expedite time', () => {
    expect(nextDueAt({ ...base, expediteAt: NOW.toISOString() }, settings, NOW).toISOString()).toBe(
      NOW.toISOString(),
    );
  });

  it('forgets the expedite once there has been outreach or contact after it', () => {
    const sent = { ...base, expediteAt: NOW.toISOString(), lastOutreachAt: '2026-11-18T11:00:00.000Z' };
    expect(nextDueAt(sent, settings, NOW).toISOString()).toBe('2026-12-18T11:00:00.000Z');
    const contacted = { ...base, expediteAt: NOW.toISOString(), lastContactAt: '2026-11-19T09:00:00.000Z' };
    expect(nextDueAt(contacted, settings, NOW).toISOString()).toBe('2026-12-19T09:00:00.000Z');
  });

  it('still waits for a deferral (business hours, snooze)', () => {
    const deferred = { ...base, expediteAt: NOW.toISOString(), deferredUntil: '2026-11-19T09:00:00.000Z' };
    expect(nextDueAt(deferred, settings, NOW).toISOString()).toBe('2026-11-19T09:00:00.000Z');
  });
});

describe('membershipChanges', () => {
  it('adds new products and removes the ones a key account left', () => {
    const before = {
      accountId: 'A1',
      tier: 'key' as const,
      products: ['Ledger', 'Payroll'],
      segment: 'Retail',
    };
    const after = {
      accountId: 'A1',
      tier: 'key' as const,
      products: ['Ledger', 'Fleet'],
      segment: undefined,
    };
    const { puts, deletes } = membershipChanges(before, after);
    expect(puts.map((p) => `${p.pk} ${p.sk}`)).toEqual(['MEMBER#product#fleet key#A1']);
    expect(deletes.map((d) => `${d.pk} ${d.sk}`).sort()).toEqual([
      'MEMBER#product#payroll key#A1',
      'MEMBER#segment#retail key#A1',
    ]);
  });

  it('keeps memberships for key accounts only: one leaving key loses them all, one becoming key gains them', () => {
    const key = { accountId: 'A1', tier: 'key' as const, products: ['Ledger'], segment: 'Retail' };
    const growth = { ...key, tier: 'growth' as const };
    const demoted = membershipChanges(key, growth);
    expect(demoted.puts).toEqual([]);
    expect(demoted.deletes.map((d) => `${d.pk} ${d.sk}`).sort()).toEqual([
      'MEMBER#product#ledger key#A1',
      'MEMBER#segment#retail key#A1',
    ]);
    expect(membershipChanges(undefined, growth)).toEqual({ puts: [], deletes: [] });
    expect(
      membershipChanges(growth, key)
        .puts.map((p) => `${p.pk} ${p.sk}`)
        .sort(),
    ).toEqual(['MEMBER#product#ledger key#A1', 'MEMBER#segment#retail key#A1']);
  });

  it('writes nothing when nothing changed', () => {
    const a = { accountId: 'A1', tier: 'key' as const, products: ['Ledger'] };
    expect(membershipChanges(a, { ...a })).toEqual({ puts: [], deletes: [] });
  });
});

describe('signalIdOf', () => {
  it('gives a redelivered event the same id, and another ticket another', () => {
    const input = { accountId: 'A1', kind: 'complaint' as const, at: NOW, source: 'crm', externalId: 'T-1' };
    expect(signalIdOf(input)).toBe(signalIdOf({ ...input, at: new Date(NOW.getTime() + 1000) }));
    expect(signalIdOf(input)).not.toBe(signalIdOf({ ...input, externalId: 'T-2' }));
  });
});
