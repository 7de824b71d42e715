import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import { deriveAccount } from '../../functions/core/account.ts';
import { renderCheckIn } from '../../functions/core/email/check-in-email.ts';
import { renderOwnerNote } from '../../functions/core/email/owner-email.ts';
import { renderSurveyEmail } from '../../functions/core/email/survey-email.ts';

/** The words of a text/plain part, without the isolates around names (U+2068, U+2069). */
const words = (text: string) => text.replace(/[\u2068\u2069]/g, '');

const settings = parseSettings({});
const NOW = new Date('2026-11-18T10:00:00Z');
const account = (over: Record<string, unknown> = {}, lastContact = '2026-09-20T10:00:00Z') =>
  deriveAccount(
    {
      accountId: 'A-1',
      name: 'Acme & Sons <GmbH>',
      ownerEmail: 'olivia@vendor.example',
      ownerName: 'Olivia Martín',
      strategic: true,
      products: ['Ledger', 'Payroll'],
      ...over,
    },
    undefined,
    settings,
    NOW,
    lastContact,
  );
const contact = { accountId: 'A-1', email: 'ana@acme.example', name: 'Ana Schröder', primary: true };
const links = { unsubscribeUrl: 'http://l.test/u/T', surveyUrl: 'http://l.test/s/S' };

describe('check-in email', () => {
  it('greets by first name, says how long it has been and signs as the owner', () => {
    const e = renderCheckIn({ account: account(), contact, now: NOW, cycle: 'c1', ...links });
    expect(words(e.text)).toMatch(/^Hi Ana,\n/);
    expect(words(e.text)).toContain("It's been about two months since we were last in touch");
    expect(words(e.text)).toMatch(/Best,\nOlivia Martín/);
    const flat = words(e.text).replace(/\s+/g, ' ');
    expect(flat).toContain('Ledger and Payroll');
    expect(flat).not.toContain('Ledger and Payroll is');
  });

  it('counts from the last email it sent when that is newer than the last contact (#14)', () => {
    const wroteLastWeek = { ...account(), lastOutreachAt: '2026-11-11T10:00:00Z' };
    const e = renderCheckIn({ account: wroteLastWeek, contact, now: NOW, cycle: 'c1', ...links });
    expect(words(e.text)).toContain("It's been a few days since I last wrote, so I wanted to follow up.");
    expect(words(e.text)).not.toContain('two months');
  });

  it('mentions a renewal only when it is within 90 days', () => {
    const soon = renderCheckIn({
      account: account({ renewalDate: '2027-01-15' }),
      contact,
      now: NOW,
      cycle: 'c',
      ...links,
    });
    const later = renderCheckIn({
      account: account({ renewalDate: '2027-06-15' }),
      contact,
      now: NOW,
      cycle: 'c',
      ...links,
    });
    expect(words(soon.text)).toContain('renewal comes up on 15 January');
    expect(words(later.text)).not.toContain('renewal');
  });

  it('says so when there has been no contact at all, and falls back when the name is unknown', () => {
    const e = renderCheckIn({
      account: account({}, ''),
      contact: { ...contact, name: undefined },
      now: NOW,
      cycle: 'c',
      ...links,
    });
    expect(words(e.text)).toMatch(/^Hi there,/);
    expect(words(e.text)).toContain("I don't think we've properly caught up yet");
  });

  it('renders the same words for a retry of the same cycle, and varies across cycles', () => {
    const a = account();
    const once = renderCheckIn({ account: a, contact, now: NOW, cycle: 'cycle-1', ...links });
    const again = renderCheckIn({ account: a, contact, now: NOW, cycle: 'cycle-1', ...links });
    expect(again).toEqual(once);
    const subjects = new Set(
      Array.from(
        { length: 12 },
        (_, i) => renderCheckIn({ account: a, contact, now: NOW, cycle: `c${i}`, ...links }).subject,
      ),
    );
    expect(subjects.size).toBeGreaterThan(1);
  });

  it('escapes every value in the HTML part', () => {
    const e = renderCheckIn({
      account: account(),
      contact: { ...contact, name: '<script>alert(1)</script> "Q"' },
      now: NOW,
      cycle: 'c',
      unsubscribeUrl: 'http://l.test/u/"><img src=x>',
    });
    expect(e.html).not.toContain('<script>');
    expect(e.html).not.toContain('<GmbH>');
    expect(e.html).toContain('Acme &amp; Sons &lt;GmbH&gt;');
    expect(e.html).not.toContain('"><img');
  });
});

describe('survey email', () => {
  it('asks about the one product, with a link per score that preselects it', () => {
    const e = renderSurveyEmail({
      account: account({ products: ['Ledger'] }),
      contact,
      kind: 'nps',
      cycle: 'c',
      ...links,
    });
    expect(e.subject).toBe('How likely are you to recommend Ledger to a friend or colleague?');
    const scores = [...e.html.matchAll(/href="http:\/\/l\.test\/s\/S\?score=(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(scores).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('asks a CSAT question about the service when there are several products', () => {
    const e = renderSurveyEmail({ account: account(), contact, kind: 'csat', cycle: 'c', ...links });
    expect(e.subject).toBe('How satisfied are you with our service?');
    expect([...e.html.matchAll(/\?score=(\d+)/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5]);
  });

  it('words a reminder as a follow-up', () => {
    const e = renderSurveyEmail({
      account: account(),
      contact,
      kind: 'nps',
      cycle: 'c',
      reminder: true,
      ...links,
    });
    // Not "Re:": a reminder is not a reply (#14).
    expect(e.subject).toBe('How likely are you to recommend us to a friend or colleague?');
    expect(words(e.text)).toContain('In case my last note got buried');
  });
});

describe('owner note', () => {
  it('tells the owner why nobody could be reached and where to look', () => {
    const e = renderOwnerNote({
      account: account(),
      kind: 'owner-alert',
      reason: 'no contact on record',
      accountHint: 'npx account-health account A-1',
    });
    expect(e.subject).toBe('Acme & Sons <GmbH>: nobody to check in with (no contact on record)');
    expect(e.html).toContain('Acme &amp; Sons &lt;GmbH&gt;');
    expect(words(e.text)).toContain('npx account-health account A-1');
  });
});

describe('check-in phrasing', () => {
  it('agrees the verb with the number of products in every variant', () => {
    const several = Array.from({ length: 30 }, (_, i) =>
      renderCheckIn({ account: account(), contact, now: NOW, cycle: `v${i}`, ...links })
        .text.replace(/[\u2068\u2069]/g, '')
        .replace(/\s+/g, ' '),
    );
    expect(several.some((t) => t.includes('Ledger and Payroll are going'))).toBe(true);
    expect(several.every((t) => !/Ledger and Payroll is\b|How is Ledger and Payroll/.test(t))).toBe(true);
    const one = Array.from({ length: 30 }, (_, i) =>
      renderCheckIn({
        account: account({ products: ['Ledger'] }),
        contact,
        now: NOW,
        cycle: `v${i}`,
        ...links,
      })
        .text.replace(/[\u2068\u2069]/g, '')
        .replace(/\s+/g, ' '),
    );
    expect(one.some((t) => t.includes('Ledger is going'))).toBe(true);
  });
});
