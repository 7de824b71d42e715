import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import { decideTier } from '../../functions/core/tiering.ts';
import { isMonthDay, parseIsoDateOrInstant } from '../../functions/core/time.ts';
import {
  DEMO_ACCOUNT_COUNT,
  DEMO_PRODUCTS,
  DEMO_SEGMENTS,
  generateDemoBook,
} from '../../functions/local/demo-book.ts';
import { DAY } from '../support/builders.ts';

const now = new Date('2026-11-22T10:00:00Z');
const book = generateDemoBook(now);
const settings = parseSettings({});
const count = <T>(items: T[]) => {
  const out = new Map<T, number>();
  for (const i of items) out.set(i, (out.get(i) ?? 0) + 1);
  return out;
};

describe('the demo book', () => {
  it('is deterministic: the same time gives the same book', () => {
    expect(generateDemoBook(new Date(now))).toEqual(book);
  });

  it('keeps the same accounts when generated later, with dates moved along', () => {
    const later = generateDemoBook(new Date(now.getTime() + 30 * DAY));
    expect(later.map((r) => r.profile.name)).toEqual(book.map((r) => r.profile.name));
    const first = book.find((r) => r.lastContactAt);
    const moved = later.find((r) => r.profile.accountId === first?.profile.accountId);
    expect(Date.parse(moved?.lastContactAt ?? '') - Date.parse(first?.lastContactAt ?? '')).toBe(30 * DAY);
  });

  it('holds a few hundred accounts with unique ids and names', () => {
    expect(book).toHaveLength(DEMO_ACCOUNT_COUNT);
    expect(new Set(book.map((r) => r.profile.accountId)).size).toBe(book.length);
    expect(new Set(book.map((r) => r.profile.name)).size).toBe(book.length);
  });

  it('spreads accounts over 5-6 owners with one manager', () => {
    const owners = count(book.map((r) => r.profile.ownerEmail));
    expect(owners.size).toBeGreaterThanOrEqual(5);
    expect(owners.size).toBeLessThanOrEqual(6);
    for (const n of owners.values()) expect(n).toBeGreaterThan(20);
    expect(new Set(book.map((r) => r.profile.managerEmail))).toEqual(new Set(['helena.vogt@example.com']));
    expect(book.every((r) => r.profile.ownerName)).toBe(true);
  });

  it('lands in all three tiers by the default rules, by revenue, margin, size, strategy and overrides', () => {
    const decisions = book.map((r) => decideTier(r.profile, settings.tiering));
    const tiers = count(decisions.map((d) => d.tier));
    expect(tiers.get('key')).toBeGreaterThanOrEqual(30);
    expect(tiers.get('growth')).toBeGreaterThanOrEqual(60);
    expect(tiers.get('standard')).toBeGreaterThanOrEqual(90);
    const reasons = decisions.map((d) => d.reason).join('\n');
    for (const why of [
      'strategic account',
      'annual revenue',
      'margin',
      'employees',
      'manual override',
      'unknown',
    ])
      expect(reasons).toContain(why);
  });

  it('uses 5-8 products and 3-4 segments', () => {
    const products = new Set(book.flatMap((r) => r.profile.products));
    expect(products.size).toBeGreaterThanOrEqual(5);
    expect(products.size).toBeLessThanOrEqual(8);
    expect([...products].every((p) => (DEMO_PRODUCTS as readonly string[]).includes(p))).toBe(true);
    expect(book.every((r) => r.profile.products.length >= 1)).toBe(true);
    const segments = new Set(book.map((r) => r.profile.segment));
    expect(segments.size).toBe(DEMO_SEGMENTS.length);
  });

  it('spans time zones in the Americas, Europe and APAC', () => {
    const zones = new Set(book.map((r) => r.profile.timeZone ?? ''));
    for (const region of ['America/', 'Europe/', 'Asia/', 'Australia/', 'Pacific/'])
      expect(
        [...zones].some((z) => z.startsWith(region)),
        region,
      ).toBe(true);
    for (const z of zones) expect(() => new Intl.DateTimeFormat('en', { timeZone: z })).not.toThrow();
  });

  it('gives every account 1-4 contacts, exactly one primary, with valid unique addresses', () => {
    for (const r of book) {
      expect(r.contacts.length).toBeGreaterThanOrEqual(1);
      expect(r.contacts.length).toBeLessThanOrEqual(4);
      expect(r.contacts.filter((c) => c.primary)).toHaveLength(1);
      expect(new Set(r.contacts.map((c) => c.email)).size).toBe(r.contacts.length);
      for (const c of r.contacts) {
        expect(c.accountId).toBe(r.profile.accountId);
        expect(c.email).toMatch(/^[a-z0-9.-]+@[a-z0-9-]+\.example$/);
        expect(c.name).toBeTruthy();
        if (c.birthday !== undefined) expect(isMonthDay(c.birthday), c.birthday).toBe(true);
      }
    }
    const contacts = book.flatMap((r) => r.contacts);
    expect(new Set(contacts.map((c) => c.email)).size).toBe(contacts.length);
    expect(contacts.filter((c) => c.birthday).length).toBeGreaterThan(50);
    expect(contacts.filter((c) => /[^\p{ASCII}]/u.test(c.name ?? '')).length).toBeGreaterThan(30);
  });

  it('dates customers and renewals plausibly', () => {
    for (const r of book) {
      const since = parseIsoDateOrInstant(r.profile.customerSince ?? '');
      expect(since, r.profile.accountId).toBeDefined();
      expect(since?.getTime()).toBeLessThan(now.getTime());
      if (r.profile.renewalDate) {
        const renewal = parseIsoDateOrInstant(r.profile.renewalDate);
        expect(renewal?.getTime()).toBeGreaterThan(now.getTime());
        expect(renewal?.getTime()).toBeLessThan(now.getTime() + 2 * 366 * DAY);
      }
    }
    expect(book.filter((r) => r.profile.renewalDate).length).toBeGreaterThan(200);
  });

  it('spreads last contacts: recent, due soon, overdue, stale for months and never', () => {
    const daysAgo = book.map((r) =>
      r.lastContactAt ? (now.getTime() - Date.parse(r.lastContactAt)) / DAY : -1,
    );
    expect(daysAgo.every((d) => d < 0 || d > 0)).toBe(true); // none in the future
    const dueIn = book.map((r, i) => {
      const tier = decideTier(r.profile, settings.tiering).tier;
      const cadence = settings.cadence[tier];
      const days = 'days' in cadence ? cadence.days : cadence.months * 30;
      return (daysAgo[i] ?? 0) < 0 ? -Infinity : days - (daysAgo[i] ?? 0);
    });
    expect(daysAgo.filter((d) => d >= 0 && d < 14).length, 'recent').toBeGreaterThan(20);
    expect(dueIn.filter((d) => d > 0 && d <= 10).length, 'due soon').toBeGreaterThan(20);
    expect(dueIn.filter((d) => d < 0 && d > -60).length, 'overdue').toBeGreaterThan(30);
    expect(daysAgo.filter((d) => d > 150).length, 'stale for months').toBeGreaterThan(30);
    expect(daysAgo.filter((d) => d < 0).length, 'never contacted').toBeGreaterThan(5);
    const staleKey = book.filter(
      (r, i) => (daysAgo[i] ?? 0) > 120 && decideTier(r.profile, settings.tiering).tier === 'key',
    );
    expect(staleKey.length, 'stale key accounts').toBeGreaterThan(3);
  });
});
