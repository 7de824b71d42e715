import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderSurveyPage } from '../../functions/core/survey/survey-page.ts';
import { describeInChromium, launchChromium } from '../support/chromium.ts';
import { VOICES } from '../support/voices.ts';

/**
 * The survey page in Japanese and German on a 320 px phone: axe-core (injected into the page)
 * finds no serious or critical accessibility violation, the page says its language, and every
 * score is a labelled radio. Screenshots go to test-artifacts/languages/ for a person to look at.
 */

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const OUT = 'test-artifacts/languages';

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
  passes: Array<{ id: string }>;
}

describeInChromium('the survey page in Japanese and German', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it.each([
    { lang: 'ja', name: '佐藤 花子', heading: '佐藤 花子様、私どものサービスはいかがですか？' },
    { lang: 'de', name: 'Anja Krüger', heading: 'Hallo Anja, wie machen wir uns?' },
  ])('$lang at 320 px: no serious or critical axe violation', async ({ lang, name, heading }) => {
    const voice = VOICES[lang];
    const html = renderSurveyPage({
      kind: 'nps',
      token: 'AbCdEfGhIjKlMnOpQrStUvWx',
      contactName: name,
      ownerName: 'Jonas Weber',
      product: 'Ledger',
      selected: 8,
      voice,
    });
    const page = await browser.newPage({ viewport: { width: 320, height: 800 }, deviceScaleFactor: 2 });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getAttribute('html', 'dir')).toBe('ltr');
      expect((await page.textContent('h1'))?.trim()).toBe(heading);
      expect(await page.locator('input[type=radio][name=score]').count()).toBe(11);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate<AxeResult>(
        `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
      );
      const serious = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      expect(serious).toEqual([]);
      // The checks that matter for a translated page ran and passed.
      expect(result.passes.map((p) => p.id)).toEqual(
        expect.arrayContaining(['html-has-lang', 'html-lang-valid', 'label']),
      );
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(320);
      await page.screenshot({ path: `${OUT}/survey-page-${lang}-320.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${OUT}/survey-page-${lang}-1280.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });
});
