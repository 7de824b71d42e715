import { describe, expect, it } from 'vitest';
import { type ParsedCrmEvent, parseCrmEvent } from '../../functions/core/crm/parse-crm-event.ts';
import { CRM_DETAIL_TYPES, CRM_EVENT_SOURCE, MAX_EVENT_BYTES } from '../../functions/core/events/crm.ts';
import { parseImport } from '../../functions/core/import/parse-import.ts';
import { jobNamed } from '../../functions/jobs.ts';
import { eventEnvelope } from '../support/builders.ts';

const NOW = new Date('2026-11-22T12:00:00.000Z');

const envelope = (detailType: string, detail: unknown, over: Record<string, unknown> = {}) =>
  eventEnvelope(CRM_EVENT_SOURCE, detailType, detail, over);

const ACCOUNT = {
  account_id: 'ACME-1',
  account_name: 'Acme, Inc.',
  owner_email: 'Maria.Santos@Example.com',
  owner_name: 'Maria Santos',
  annual_revenue: '300,000',
  margin_pct: 31,
  products: ['Fleet', 'Port Sync'],
  timezone: 'America/Chicago',
  last_contact_at: '2026-10-01',
  contacts: [
    {
      contact_email: 'Dana@Acme.example.com',
      contact_name: 'Dana Whitfield',
      contact_birthday: '03-14',
      contact_primary: true,
    },
    { contact_email: 'raj@acme.example.com', contact_name: 'Raj Patel' },
  ],
};

function parse(detailType: string, detail: unknown, over: Record<string, unknown> = {}): ParsedCrmEvent {
  return parseCrmEvent(envelope(detailType, detail, over), { now: NOW });
}

function reasonOf(r: ParsedCrmEvent): string {
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.event)}`);
  return r.reason;
}

describe('the crm-events job', () => {
  it('matches exactly the inbound source and detail-types the schemas define', () => {
    const trigger = jobNamed('crm-events')?.trigger;
    expect(trigger).toEqual({
      kind: 'event',
      pattern: { source: [CRM_EVENT_SOURCE], 'detail-type': [...CRM_DETAIL_TYPES] },
    });
  });
});

describe('Account Upserted', () => {
  it('gives the same import record as importing the equivalent CSV rows', () => {
    const r = parse('Account Upserted', ACCOUNT);
    if (!r.ok) throw new Error(r.reason);
    const csv = [
      'account_id,account_name,owner_email,owner_name,annual_revenue,margin_pct,products,timezone,last_contact_at,contact_email,contact_name,contact_birthday,contact_primary',
      'ACME-1,"Acme, Inc.",Maria.Santos@Example.com,Maria Santos,"300,000",31,Fleet;Port Sync,America/Chicago,2026-10-01,Dana@Acme.example.com,Dana Whitfield,03-14,true',
      'ACME-1,"Acme, Inc.",Maria.Santos@Example.com,Maria Santos,"300,000",31,Fleet;Port Sync,America/Chicago,2026-10-01,raj@acme.example.com,Raj Patel,,',
    ].join('\n');
    const imported = parseImport(csv, 'csv', { now: NOW });
    expect(imported.bad).toEqual([]);
    expect(r.event).toEqual({
      detailType: 'Account Upserted',
      accountId: 'ACME-1',
      record: imported.records[0],
    });
    expect(r.envelope).toMatchObject({
      eventId: 'evt-1',
      detailType: 'Account Upserted',
      accountId: 'ACME-1',
    });
  });

  it('takes an account without contacts', () => {
    const { contacts: _, ...account } = ACCOUNT;
    const r = parse('Account Upserted', account);
    expect(r.ok && r.event.detailType === 'Account Upserted' && r.event.record.contacts).toEqual([]);
  });

  it('accepts a detail given as JSON text', () => {
    expect(parse('Account Upserted', JSON.stringify(ACCOUNT)).ok).toBe(true);
  });

  it.each([
    ['a missing account_id', { account_id: undefined }, 'detail.account_id: is missing (required)'],
    ['a missing account_name', { account_name: '' }, 'detail.account_name: is missing (required)'],
    [
      'a bad owner email, without echoing it',
      { owner_email: 'maria-at-example' },
      'detail.owner_email: is not a valid email address',
    ],
    ['a bad number', { annual_revenue: '12k' }, 'detail.annual_revenue: "12k" is not a number'],
    [
      'a bad date',
      { renewal_date: '2027-02-30' },
      'detail.renewal_date: "2027-02-30" is not a date (use YYYY-MM-DD)',
    ],
    [
      'a last contact in the future',
      { last_contact_at: '2027-01-01' },
      'detail.last_contact_at: "2027-01-01" is in the future',
    ],
    ['a wrong type', { employees: { n: 5 } }, 'detail.employees: expected text, a number or true/false'],
    [
      'an unknown tier',
      { tier_override: 'gold' },
      'detail.tier_override: "gold" is not a tier override (use key, growth or standard)',
    ],
    [
      'an offset for a time zone',
      { timezone: '+02:00' },
      'detail.timezone: "+02:00" is not an IANA time zone (e.g. Europe/Paris)',
    ],
    [
      'contacts that are not a list',
      { contacts: 'dana@acme.example.com' },
      'detail.contacts: expected an array',
    ],
  ])('refuses %s', (_name, change, reason) => {
    const r = parse('Account Upserted', { ...ACCOUNT, ...change });
    expect(reasonOf(r)).toBe(reason);
  });

  it('names the contact whose field is bad, and refuses the whole event for it', () => {
    const contacts = [ACCOUNT.contacts[0], { contact_email: 'not-an-email' }];
    expect(reasonOf(parse('Account Upserted', { ...ACCOUNT, contacts }))).toBe(
      'detail.contacts[1]: contact_email: is not a valid email address',
    );
  });

  it('refuses a contact that is not an object', () => {
    expect(reasonOf(parse('Account Upserted', { ...ACCOUNT, contacts: [ACCOUNT.contacts[0], 'raj'] }))).toBe(
      'detail.contacts[1]: the contact is not an object',
    );
  });

  it('refuses the same contact twice with different fields', () => {
    const contacts = [ACCOUNT.contacts[0], { ...ACCOUNT.contacts[0], contact_name: 'Someone Else' }];
    expect(reasonOf(parse('Account Upserted', { ...ACCOUNT, contacts }))).toMatch(
      /^detail\.contacts\[0\]: contact_email: the same contact twice in account ACME-1 with different contact_name/,
    );
  });

  it('says which fields it ignored when camelCase names leave a required one missing', () => {
    const reason = reasonOf(
      parse('Account Upserted', { accountId: 'A-1', account_name: 'A', owner_email: 'o@example.com' }),
    );
    expect(reason).toBe('detail.account_id: is missing (required) (unknown field "accountId" ignored)');
  });
});

describe('Contact Logged', () => {
  it('normalises the time to UTC and keeps note and channel', () => {
    const r = parse('Contact Logged', {
      account_id: 'ACME-1',
      at: '2026-11-20T09:30:00-05:00',
      note: ' Call about renewal ',
      channel: 'call',
      extra: 1,
    });
    expect(r).toMatchObject({
      ok: true,
      event: {
        detailType: 'Contact Logged',
        accountId: 'ACME-1',
        at: '2026-11-20T14:30:00.000Z',
        note: 'Call about renewal',
        channel: 'call',
      },
      warnings: ['unknown field "extra" ignored'],
    });
  });

  it('takes a numeric account id as its digits', () => {
    const r = parse('Contact Logged', { account_id: 1042, at: '2026-11-20' });
    expect(r.ok && r.event.accountId).toBe('1042');
  });

  it.each([
    ['a missing account_id', { at: '2026-11-20' }, 'detail.account_id: is missing (required)'],
    [
      'a blank account_id',
      { account_id: '  ', at: '2026-11-20' },
      'detail.account_id: is missing (required)',
    ],
    [
      'an account_id of the wrong type',
      { account_id: true, at: '2026-11-20' },
      'detail.account_id: must be text',
    ],
    [
      'an account_id with a control character',
      { account_id: 'A\n1', at: '2026-11-20' },
      'detail.account_id: contains a control character (U+000A)',
    ],
    [
      'an account_id too long',
      { account_id: 'A'.repeat(129), at: '2026-11-20' },
      'detail.account_id: is longer than 128 characters',
    ],
    ['a missing time', { account_id: 'A' }, 'detail.at: is missing (required)'],
    [
      'a bad time',
      { account_id: 'A', at: '20/11/2026' },
      'detail.at: "20/11/2026" is not an ISO date or time (use 2026-11-20T15:30:00Z)',
    ],
    [
      'an impossible date',
      { account_id: 'A', at: '2026-02-30T10:00:00Z' },
      'detail.at: "2026-02-30T10:00:00Z" is not an ISO date or time (use 2026-11-20T15:30:00Z)',
    ],
    [
      'a time in the future',
      { account_id: 'A', at: '2026-11-22T13:00:00Z' },
      'detail.at: "2026-11-22T13:00:00Z" is in the future',
    ],
    ['a time of the wrong type', { account_id: 'A', at: 1763800000 }, 'detail.at: must be text'],
    [
      'a note too long',
      { account_id: 'A', at: '2026-11-20', note: 'x'.repeat(2001) },
      'detail.note: is longer than 2000 characters',
    ],
    [
      'a note of the wrong type',
      { account_id: 'A', at: '2026-11-20', note: ['x'] },
      'detail.note: must be text',
    ],
  ])('refuses %s', (_name, detail, reason) => {
    expect(reasonOf(parse('Contact Logged', detail))).toBe(reason);
  });
});

describe('Complaint Filed', () => {
  const complaint = {
    account_id: 'ACME-1',
    complaint_id: 'CASE-77',
    at: '2026-11-21T16:00:00Z',
    summary: 'Deliveries late three weeks running.',
    severity: 'HIGH',
    product: 'Fleet',
  };

  it('takes no score: a complaint is a complaint, never an answer (docs/health.md, #14)', () => {
    const r = parse('Complaint Filed', { ...complaint, score: 2 });
    expect(r).toMatchObject({ ok: true, warnings: ['unknown field "score" ignored'] });
    expect(r.ok && 'score' in r.event).toBe(false);
  });

  it('parses a complaint, severity in any case', () => {
    expect(parse('Complaint Filed', complaint)).toMatchObject({
      ok: true,
      event: {
        detailType: 'Complaint Filed',
        accountId: 'ACME-1',
        complaintId: 'CASE-77',
        at: '2026-11-21T16:00:00.000Z',
        summary: 'Deliveries late three weeks running.',
        severity: 'high',
        product: 'Fleet',
      },
    });
  });

  it.each([
    ['a missing complaint_id', { complaint_id: undefined }, 'detail.complaint_id: is missing (required)'],
    ['a missing summary', { summary: undefined }, 'detail.summary: is missing (required)'],
    ['a blank summary', { summary: '   ' }, 'detail.summary: is missing (required)'],
    ['a summary too long', { summary: 's'.repeat(4001) }, 'detail.summary: is longer than 4000 characters'],
    [
      'an unknown severity',
      { severity: 'urgent' },
      'detail.severity: "urgent" is not a severity (use low, medium, high, critical)',
    ],
    ['a product of the wrong type', { product: 7 }, 'detail.product: must be text'],
    [
      'a bad time',
      { at: 'yesterday' },
      'detail.at: "yesterday" is not an ISO date or time (use 2026-11-20T15:30:00Z)',
    ],
  ])('refuses %s', (_name, change, reason) => {
    expect(reasonOf(parse('Complaint Filed', { ...complaint, ...change }))).toBe(reason);
  });

  it('lists every problem of the event at once', () => {
    expect(reasonOf(parse('Complaint Filed', { account_id: 'A' }))).toBe(
      'detail.complaint_id: is missing (required); detail.at: is missing (required); detail.summary: is missing (required)',
    );
  });
});

describe('the envelope', () => {
  it.each([
    [
      'another source',
      envelope('Contact Logged', {}, { source: 'account-health' }),
      'source "account-health" is not "crm"',
    ],
    [
      'an unknown detail-type',
      envelope('Deal Won', {}),
      'detail-type "Deal Won" is not one of Account Upserted, Contact Logged, Complaint Filed, Outreach Paused, Outreach Resumed',
    ],
    [
      'no id',
      envelope('Contact Logged', {}, { id: undefined }),
      'not an EventBridge event: event.id: is missing (required)',
    ],
    [
      'a detail-type of the wrong type',
      envelope('Contact Logged', {}, { 'detail-type': 5 }),
      'not an EventBridge event: event.detail-type: must be text',
    ],
    ['a detail that is not JSON', envelope('Contact Logged', '{"account_id": "A",'), 'detail is not JSON'],
    ['no detail', envelope('Contact Logged', undefined), 'detail: is missing (required)'],
    ['a detail that is a list', envelope('Contact Logged', [1, 2]), 'detail is not a JSON object'],
    ['a detail that is a number', envelope('Contact Logged', 42), 'detail is not a JSON object'],
  ])('refuses %s', (_name, event, reason) => {
    expect(reasonOf(parseCrmEvent(event, { now: NOW }))).toBe(reason);
  });

  it('refuses something that is not an event at all', () => {
    expect(reasonOf(parseCrmEvent('hello', { now: NOW }))).toMatch(/^not an EventBridge event/);
    expect(reasonOf(parseCrmEvent(undefined, { now: NOW }))).toBe('the event is not JSON');
    expect(reasonOf(parseCrmEvent({ id: 1n }, { now: NOW }))).toBe('the event is not JSON');
  });

  it('refuses an event over the EventBridge size limit before reading it', () => {
    const r = parse('Contact Logged', {
      account_id: 'A',
      at: '2026-11-20',
      note: 'x'.repeat(MAX_EVENT_BYTES),
    });
    expect(reasonOf(r)).toMatch(/^the event is \d+ bytes, over the 262144 bytes EventBridge allows$/);
    expect(r.envelope).toMatchObject({ eventId: 'evt-1', detailType: 'Contact Logged', accountId: 'A' });
  });
});
