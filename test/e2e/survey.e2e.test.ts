import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer } from '../../functions/local/http-server.ts';
import { DAY } from '../support/builders.ts';
import { describeInChromium, launchChromium } from '../support/chromium.ts';
import { createSurveyFixture, type SurveyFixture } from '../support/survey-fixture.ts';

/**
 * The survey page in a real browser (Debian's chromium, driven by playwright-core): open the link,
 * see the clicked score chosen, pick another with the keyboard, write a comment, send, see the
 * thank-you page. The page's CSP must not block anything of its own. Screenshots go to
 * test-artifacts/ for a human to look at.
 */

const ARTIFACTS = 'test-artifacts';

let f: SurveyFixture;
let browser: Browser;
let baseUrl: string;
let stopServer: () => Promise<void>;
const NOW = new Date();

async function openPage(width: number, height: number): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

describeInChromium('survey page in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    f = await createSurveyFixture('survey-e2e', NOW, ['acme']);
    const server = await startHttpServer({
      port: 0,
      invoke: (_job, event) => f.route(event),
      log: () => undefined,
    });
    baseUrl = server.url;
    stopServer = server.stop;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stopServer?.();
    await f?.table.drop();
  });

  it('answers an NPS survey from the clicked score to the thank-you page', async () => {
    const { token } = await f.surveys.issueSurvey({
      surveyId: 'e2e-nps',
      accountId: 'acme',
      contactEmail: 'ana@acme.test',
      contactName: 'Ana Lima',
      kind: 'nps',
      sentAt: NOW,
      expiresAt: new Date(NOW.getTime() + 30 * DAY),
      ownerEmail: 'owner@owners.test',
      ownerName: 'Olivia Owner',
    });
    const { page, problems } = await openPage(390, 844); // a phone
    const response = await page.goto(`${baseUrl}/s/${token}?score=8`);
    expect(response?.status()).toBe(200);
    expect(await page.getByRole('radio', { name: '8' }).isChecked()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/survey-phone.png`, fullPage: true });

    // Keyboard: focus the chosen radio, move two to the left with the arrow keys.
    await page.getByRole('radio', { name: '8' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('radio', { name: '6' }).isChecked()).toBe(true);
    // A string, not a function: the tests compile without the DOM library.
    const outline = await page.evaluate(
      'getComputedStyle(document.activeElement.nextElementSibling).outlineStyle',
    );
    expect(outline).toBe('solid');
    await page.waitForTimeout(300); // let the colour transition finish
    await page.screenshot({ path: `${ARTIFACTS}/survey-phone-focus.png` });

    await page.getByRole('radio', { name: /^10/ }).check();
    await page
      .getByLabel('What is the main reason for your score?')
      .fill('Quick answers, <b>friendly</b> team 😀');
    const posted = page.waitForRequest((r) => r.method() === 'POST');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    // Our pages set Referrer-Policy: same-origin, so Chromium sends our own origin (never `null`,
    // which the POST routes refuse as cross-site).
    expect((await posted).headers().origin).toBe(new URL(page.url()).origin);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you!');
    expect(await page.textContent('body')).toContain('10 out of 10');
    await page.screenshot({ path: `${ARTIFACTS}/survey-thank-you.png`, fullPage: true });

    const survey = await f.surveys.getSurvey('acme', 'e2e-nps');
    expect(survey).toMatchObject({
      status: 'answered',
      score: 10,
      comment: 'Quick answers, <b>friendly</b> team 😀',
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders the CSAT survey on a desktop and refuses an empty answer without a round trip', async () => {
    const { token } = await f.surveys.issueSurvey({
      surveyId: 'e2e-csat',
      accountId: 'acme',
      contactEmail: 'ana@acme.test',
      kind: 'csat',
      sentAt: NOW,
      expiresAt: new Date(NOW.getTime() + 30 * DAY),
      ownerEmail: 'owner@owners.test',
    });
    const { page, problems } = await openPage(1280, 800);
    await page.goto(`${baseUrl}/s/${token}`);
    await page.getByRole('button', { name: 'Send my answer' }).click();
    // The browser's own validation keeps the form here: nothing was posted.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('How are we doing?');
    expect(await f.surveys.hasAnswered('acme', 'e2e-csat')).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/survey-desktop-csat.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a clear page for a damaged link and confirms an unsubscribe', async () => {
    const { page, problems } = await openPage(390, 844);
    const bad = await page.goto(`${baseUrl}/s/not-a-real-token`);
    expect(bad?.status()).toBe(410);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link looks damaged');
    await page.screenshot({ path: `${ARTIFACTS}/survey-damaged-link.png` });

    const { token } = await f.surveys.issueUnsubscribeToken({
      accountId: 'acme',
      contactEmail: 'ana@acme.test',
      expiresAt: new Date(NOW.getTime() + 365 * DAY),
    });
    await page.goto(`${baseUrl}/u/${token}`);
    await page.screenshot({ path: `${ARTIFACTS}/unsubscribe-confirm.png` });
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('You are unsubscribed');
    expect((await f.addresses.get('ana@acme.test')).optedOutAt).toBeDefined();
    await page.screenshot({ path: `${ARTIFACTS}/unsubscribe-done.png` });
    expect(problems.filter((p) => !/status of 410/.test(p))).toEqual([]);
    await page.close();
  });
});
