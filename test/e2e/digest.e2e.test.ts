import { mkdirSync, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSettings } from '../../functions/config/settings.ts';
import { type AccountProfile, type Contact, deriveAccount } from '../../functions/core/account.ts';
import { buildDigest } from '../../functions/core/digest/build-digest.ts';
import { periodOf } from '../../functions/core/digest/schedule.ts';
import { renderDigestEmail } from '../../functions/core/email/digest-email.ts';
import { renderBirthdayGreeting } from '../../functions/core/email/greeting-email.ts';
import type { SurveyResponse } from '../../functions/core/survey/survey.ts';
import { DAY } from '../support/builders.ts';
import { describeInChromium, launchChromium } from '../support/chromium.ts';

/**
 * The digest (and a greeting) as mail clients draw them, in Debian's Chromium: a desktop width and
 * a phone width. Screenshots go to test-artifacts/ for a human to look at. The README's picture
 * (docs/images/digest.png) is refreshed only on request, `AH_UPDATE_DOCS_IMAGES=1 npx vitest run
 * test/e2e/digest.e2e.test.ts`, so a test run never changes a tracked file.
 */

const ARTIFACTS = 'test-artifacts';
const UPDATE_DOCS_IMAGES = process.env.AH_UPDATE_DOCS_IMAGES === '1';
const NOW = new Date('2026-11-23T08:00:00.000Z');
const settings = parseSettings({});

function account(
  p: Partial<AccountProfile> & { accountId: string; name: string },
  lastContactDaysAgo: number,
) {
  const profile: AccountProfile = {
    ownerEmail: 'olivia@example.com',
    ownerName: 'Olivia Owner',
    strategic: false,
    products: ['Ledger'],
    timeZone: 'Europe/Lisbon',
    annualRevenue: 300_000,
    ...p,
  };
  return deriveAccount(
    profile,
    undefined,
    settings,
    NOW,
    new Date(NOW.getTime() - lastContactDaysAgo * DAY).toISOString(),
  );
}

function sampleDigest() {
  const accounts = [
    {
      ...account({ accountId: 'a1', name: 'Northwind Traders' }, 9),
      risk: {
        since: new Date(NOW.getTime() - 4 * DAY).toISOString(),
        reasons: [
          'Detractor 3/10 on 19 Nov: "invoices wrong twice"',
          'Complaint filed on 20 Nov',
          '2 other Payroll customers complained this week',
        ],
      },
      health: { score: 31, band: 'red' as const, reasons: [], computedAt: NOW.toISOString() },
    },
    account({ accountId: 'a2', name: 'Contoso Pharmaceuticals' }, 83),
    account({ accountId: 'a3', name: 'Fabrikam Logistics' }, 47),
    account(
      { accountId: 'a4', name: 'Adventure Works', annualRevenue: 80_000, renewalDate: '2026-12-04' },
      12,
    ),
    account({ accountId: 'a5', name: 'Tailspin Toys', customerSince: '2019-11-27' }, 6),
    account({ accountId: 'a6', name: 'Wide World Importers', annualRevenue: 60_000 }, 20),
  ];
  const contacts = new Map<string, Contact[]>([
    [
      'a5',
      [
        {
          accountId: 'a5',
          email: 'mara@tailspin.example',
          name: 'Mara Silva',
          role: 'Head of Operations',
          birthday: '11-26',
          primary: true,
        },
      ],
    ],
  ]);
  const answered = (
    accountId: string,
    score: number,
    daysAgo: number,
    name: string,
    comment?: string,
  ): SurveyResponse => ({
    surveyId: `${accountId}-${daysAgo}`,
    accountId,
    contactEmail: `${name.toLowerCase()}@example.com`,
    contactName: name,
    ownerEmail: 'olivia@example.com',
    kind: 'nps',
    score,
    comment,
    sentAt: new Date(NOW.getTime() - (daysAgo + 2) * DAY).toISOString(),
    answeredAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
  });
  const responses = [
    answered('a1', 3, 4, 'João Pereira', 'Invoices were wrong twice this month and nobody called back.'),
    answered('a6', 9, 2, 'Li Wei', 'Onboarding the new team was painless. Thank you!'),
    answered('a4', 7, 3, 'Sam Taylor'),
    answered('a6', 10, 30, 'Ana Lima'),
    answered('a4', 9, 50, 'Sam Taylor'),
    answered('a2', 6, 70, 'Kim Park'),
  ];
  const digest = buildDigest({
    owner: { email: 'olivia@example.com', name: 'Olivia Owner' },
    accounts,
    contacts,
    responses,
    since: new Date(NOW.getTime() - 7 * DAY),
    period: periodOf('2026-11-23', 'weekly'),
    timeZone: 'Europe/Lisbon',
    now: NOW,
    settings,
  });
  for (const item of digest.sections.flatMap((s) => s.items))
    for (const a of item.actions) a.url = `https://links.example.com/a/${a.kind}-${item.accountId}`;
  return renderDigestEmail({ digest, settings, linksExpireOn: '2026-12-07' });
}

describeInChromium('digest email in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('renders the digest on a desktop and a phone without horizontal scrolling', async () => {
    const email = sampleDigest();
    for (const [name, width] of [
      ['desktop', 720],
      ['phone', 390],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      await page.setContent(email.html, { waitUntil: 'load' });
      const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(scrollWidth).toBeLessThanOrEqual(width);
      await expect(page.getByRole('link', { name: "I'm on it" }).count()).resolves.toBe(1);
      await page.screenshot({ path: `${ARTIFACTS}/digest-${name}.png`, fullPage: true });
      if (name === 'desktop' && UPDATE_DOCS_IMAGES)
        await page.screenshot({ path: 'docs/images/digest.png', fullPage: true });
      await page.close();
    }
    // Small enough to sit in the README.
    expect(statSync(`${ARTIFACTS}/digest-desktop.png`).size).toBeLessThan(300_000);
  });

  it('renders a birthday greeting on a phone', async () => {
    const email = renderBirthdayGreeting({
      account: account({ accountId: 'a5', name: 'Tailspin Toys' }, 6),
      contact: { name: 'Mara Silva' },
      on: '2026-11-26',
      unsubscribeUrl: 'https://links.example.com/u/token',
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 700 }, deviceScaleFactor: 1 });
    await page.setContent(email.html, { waitUntil: 'load' });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await expect(page.getByText('Hi Mara,').count()).resolves.toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/greeting-birthday-phone.png`, fullPage: true });
    await page.close();
  });
});
