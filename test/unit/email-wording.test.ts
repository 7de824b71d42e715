import { describe, expect, it } from 'vitest';
import { relativeDate } from '../../functions/cli/format.ts';
import { parseSettings } from '../../functions/config/settings.ts';
import { computeHealth } from '../../functions/core/health/health-score.ts';
import { renderActionConfirmPage, renderActionDonePage } from '../../functions/core/health/owner-actions.ts';
import {
  endSentence,
  nameFromAddress,
  ownerSignature,
  penaltyPoints,
  plural,
  relativeDays,
  touchKindWords,
} from '../../functions/core/wording.ts';
import { emailGallery, juniper } from '../support/email-gallery.ts';

/** What a reader sees of an HTML part: one line per block, tags dropped, entities read back. */
const visibleText = (html: string) =>
  html
    .replace(/<(style|title)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/<br>|<\/(?:p|li|div|tr|td|h1|blockquote)>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]+/g, ' ');

/** Each email as the three things a reader sees: subject, text part, HTML part's words. */
const readings = emailGallery().flatMap(({ name, email }) => [
  { name: `${name} subject`, words: email.subject },
  {
    name: `${name} text`,
    words: email.text.replace(/[\u2068\u2069]/g, '').replace(/https?:\/\/\S+/g, 'LINK'),
  },
  { name: `${name} html`, words: visibleText(email.html) },
]);

describe('the words of every email', () => {
  it.each(readings)('$name: no doubled full stop after a name that ends in one', ({ words }) => {
    expect(words).not.toMatch(/[^.]\.\.(?!\.)/);
  });

  it.each(readings)('$name: a count of one takes the singular', ({ words }) => {
    expect(words).not.toMatch(
      /\b1 (?:new )?(?:days|hours|answers|points|renewals|reviews|promoters|passives|detractors|years|surveys)\b/,
    );
  });

  it.each(readings)('$name: no penalty shown as a raw decimal like (-33.8)', ({ words }) => {
    expect(words).not.toMatch(/\(-\d/);
  });

  it.each(readings)('$name: no stacked colons ("needs you: detractor: ...")', ({ words }) => {
    for (const line of words.split('\n')) expect(line).not.toMatch(/: [^.!?]*?: /);
  });

  it.each(readings)('$name: no raw enum in parentheses', ({ words }) => {
    expect(words).not.toMatch(
      /\((?:survey-answer|check-in|owner-action|qbr-reminder|owner-alert|owner-nudge)\)/,
    );
  });

  it('signs a check-in with a name read from the address when the owner has none', () => {
    const checkIn = emailGallery().find((e) => e.name === 'check-in')?.email;
    expect(checkIn?.text).toMatch(/Best,\n\u2068Jane Doe\u2069/);
    expect(checkIn?.text).not.toContain('jane.doe@vendor.example');
  });

  it('offers the quarterly review as a one-click action, not a CLI command', () => {
    const qbr = emailGallery().find((e) => e.name === 'qbr-reminder')?.email;
    expect(qbr?.html).toContain('Mark review held');
    expect(qbr?.html).toContain('href="https://links.example/a/AbCdEfGhIjKlMnOpQrStUvWxrh"');
    expect(qbr?.text).not.toContain('npx account-health');
  });
});

describe('the words of the action pages', () => {
  const link = { accountId: 'juniper', ownerEmail: 'jane.doe@vendor.example', validUntil: '2027-01-01' };
  it('ends "you are on" a name with one full stop', () => {
    const page = renderActionDonePage({
      link: { ...link, action: 'acknowledge' },
      accountName: juniper.name,
      outcome: 'done',
    });
    expect(visibleText(page)).toContain('you are on Juniper Manufacturing Corp. The alert');
    expect(visibleText(page)).not.toMatch(/Corp\.\./);
  });

  it('counts a one-day snooze in the singular', () => {
    const page = renderActionConfirmPage({
      link: { ...link, action: 'snooze', snoozeDays: 1 },
      accountName: juniper.name,
    });
    expect(visibleText(page)).toContain('for 1 day?');
  });
});

describe('wording helpers', () => {
  it('plural picks the form Intl.PluralRules calls for', () => {
    expect([plural(0, 'day'), plural(1, 'day'), plural(2, 'day'), plural(1, 'reply', 'replies')]).toEqual([
      '0 days',
      '1 day',
      '2 days',
      '1 reply',
    ]);
  });

  it('endSentence adds a full stop only where none ends the text', () => {
    expect(endSentence('Acme Corp.')).toBe('Acme Corp.');
    expect(endSentence('Acme')).toBe('Acme.');
    expect(endSentence('Yahoo!')).toBe('Yahoo!');
    expect(endSentence('Acme Inc. (UK)')).toBe('Acme Inc. (UK).');
  });

  it('relativeDays says "in 1 day", never "in 1 days"', () => {
    expect([relativeDays(1), relativeDays(-1), relativeDays(0), relativeDays(5)]).toEqual([
      'in 1 day',
      '1 day ago',
      'today',
      'in 5 days',
    ]);
    expect(relativeDate('2026-11-19T10:00:00Z', new Date('2026-11-18T10:00:00Z'))).toBe(
      '2026-11-19 (in 1 day)',
    );
  });

  it('a penalty reads as rounded, signed points', () => {
    expect(penaltyPoints(33.8)).toBe('\u221234 points');
    expect(penaltyPoints(1.2)).toBe('\u22121 point');
    expect(penaltyPoints(0.2)).toBe('less than 1 point');
    const h = computeHealth(
      { account: { tier: 'key', lastContactAt: '2026-09-01T00:00:00Z' } },
      parseSettings({}),
      new Date('2026-11-18T10:00:00Z'),
    );
    expect(h.reasons.join('\n')).not.toMatch(/\(-?\d+\.\d/);
    expect(h.reasons[0]).toMatch(/\(\u2212\d+ points?\)$/);
  });

  it('reads a name from an address only when it plainly holds one', () => {
    expect(nameFromAddress('jane.doe@x.example')).toBe('Jane Doe');
    expect(nameFromAddress('ana_lima-souza+crm@x.example')).toBe('Ana Lima Souza');
    expect(nameFromAddress('support@x.example')).toBeUndefined();
    expect(nameFromAddress('customer.success@x.example')).toBeUndefined();
    expect(nameFromAddress('jd42@x.example')).toBeUndefined();
    expect(ownerSignature({ ownerEmail: 'support@x.example' })).toBe('Your account team');
    expect(ownerSignature({ ownerEmail: 'jane.doe@x.example', ownerName: 'Jane D. Doe' })).toBe(
      'Jane D. Doe',
    );
  });

  it('names touch kinds in words', () => {
    expect(touchKindWords('survey-answer')).toBe('survey answer');
  });
});
