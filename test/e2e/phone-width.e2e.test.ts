import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInChromium, launchChromium } from '../support/chromium.ts';
import { emailGallery } from '../support/email-gallery.ts';
import { pageGallery } from '../support/page-gallery.ts';

/**
 * Every email and every page fits a phone: drawn in Chromium at 320 px (the narrowest phone in use),
 * 360 px (the most common Android width) and a desktop width, with no horizontal scrolling and
 * every link and button inside the screen. Screenshots at 320 px and 1280 px go to
 * test-artifacts/phone-width/ (ignored by git) for a person to look at.
 */

const OUT = 'test-artifacts/phone-width';
const WIDTHS = [320, 360, 1280] as const;
const SCREENSHOT_WIDTHS: readonly number[] = [320, 1280];

interface Overflow {
  scrollWidth: number;
  /** Links, buttons and form controls that stick out of the screen, or have no size at all. */
  outside: string[];
  /** The survey email's score links, or the survey page's score options, in order. */
  scores: string[];
}

/** Measures what sticks out, in the page itself (a string: the tests compile without the DOM types). */
const MEASURE = `(() => {
  const width = document.documentElement.clientWidth;
  const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  const outside = [];
  const describe = (el) => el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  for (const el of document.querySelectorAll('a[href], button, textarea, .opt')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) outside.push(describe(el) + ' has no size');
    else if (r.left < 0 || r.right > width + 0.5) outside.push(describe(el) + ' spans ' + r.left + '..' + r.right);
  }
  const first = (el) => (el.textContent || '').trim().split(/\\s/)[0] || '';
  const scores = [...document.querySelectorAll('a[aria-label], .opt')].map(first).filter((t) => /^\\d+$/.test(t));
  return { scrollWidth, outside, scores };
})()`;

async function measure(page: Page): Promise<Overflow> {
  return page.evaluate<Overflow>(MEASURE);
}

const NPS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
const CSAT = ['1', '2', '3', '4', '5'];
/** The surfaces that carry a score scale. */
const SCALES: Record<string, string[]> = {
  'email-nps-survey': NPS,
  'email-survey-reminder': NPS,
  'email-csat-survey': CSAT,
  'page-survey-nps': NPS,
  'page-survey-nps-error': NPS,
  'page-survey-csat': CSAT,
  ...Object.fromEntries(
    ['de', 'es', 'fr', 'ja', 'pt'].flatMap((l) => [
      [`email-nps-survey-${l}`, NPS],
      [`page-survey-nps-${l}`, NPS],
    ]),
  ),
  'email-csat-survey-de': CSAT,
  'email-csat-survey-ja': CSAT,
  'page-survey-csat-de': CSAT,
  'page-survey-csat-ja': CSAT,
};

const surfaces = [
  ...emailGallery().map(({ name, email }) => ({ name: `email-${name}`, html: email.html })),
  ...pageGallery().map(({ name, html }) => ({ name: `page-${name}`, html })),
];

describeInChromium('every email and page fits a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('covers every email kind and every page', () => {
    const names = surfaces.map((s) => s.name);
    for (const kind of [
      'check-in',
      'nps-survey',
      'csat-survey',
      'survey-reminder',
      'birthday-greeting',
      'anniversary-greeting',
      'owner-nudge',
      'owner-alert',
      'risk-alert',
      'cohort-alert',
      'escalation',
      'digest',
      'qbr-reminder',
    ])
      expect(names).toContain(`email-${kind}`);
    for (const p of [
      'survey-nps',
      'thank-you',
      'unsubscribe-confirm',
      'unsubscribed',
      'action-acknowledge-confirm',
    ])
      expect(names).toContain(`page-${p}`);
  });

  it.each(surfaces)('$name: no horizontal scrolling, every link on screen', async ({ name, html }) => {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
      try {
        await page.setContent(html, { waitUntil: 'load' });
        const m = await measure(page);
        expect(m.scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);
        expect(m.outside, `${name} at ${width} px`).toEqual([]);
        // Every score of a scale is there (and, by the check above, on screen).
        const scale = SCALES[name];
        if (scale) expect(m.scores, `${name} at ${width} px`).toEqual(scale);
        if (SCREENSHOT_WIDTHS.includes(width))
          await page.screenshot({ path: `${OUT}/${name}-${width}.png`, fullPage: true });
      } finally {
        await page.close();
      }
    }
  });
});
