import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidLinkError, MethodNotAllowedError } from '../../../functions/core/errors.ts';
import {
  PAGE_HEADERS,
  renderErrorPage,
  renderSurveyPage,
  renderThankYouPage,
  renderUnsubscribeConfirmPage,
  renderUnsubscribedPage,
} from '../../../functions/core/survey/survey-page.ts';
import { mintToken } from '../../../functions/core/survey/tokens.ts';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '</textarea><script>alert(2)</script>',
  '</title><style>*{display:none}</style>',
  `\`$\{alert(3)}\``,
  '{{constructor.constructor("alert(4)")()}}',
  '&lt;already&gt; &amp;',
];

const ALLOWED_TAGS = new Set([
  'bdi',
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'div',
  'h1',
  'p',
  'form',
  'fieldset',
  'legend',
  'label',
  'input',
  'span',
  'textarea',
  'button',
  'footer',
  'a',
  'strong',
]);

/** Every element in the page must be one the templates write themselves. */
function tagsOf(page: string): Set<string> {
  return new Set([...page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => (m[1] ?? '').toLowerCase()));
}

function expectOnlyOwnMarkup(page: string) {
  for (const tag of tagsOf(page)) expect(ALLOWED_TAGS, `unexpected <${tag}>`).toContain(tag);
  // No element carries an event handler attribute, whatever text the page shows.
  expect(page).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(page.match(/<style>/g)).toHaveLength(1);
  expect(page.match(/<\/textarea>/g)?.length ?? 0).toBeLessThanOrEqual(1);
}

describe('survey page', () => {
  const token = mintToken(randomBytes);

  it('is a complete, small, script-free document with lang and viewport', () => {
    const page = renderSurveyPage({ kind: 'nps', token });
    expect(page).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(page).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    expect(page).not.toMatch(/<script|src=|<link/i);
    expect(Buffer.byteLength(page)).toBeLessThan(10_000);
  });

  it('groups the NPS scale in a fieldset with a legend and eleven labelled radios', () => {
    const page = renderSurveyPage({ kind: 'nps', token });
    expect(page).toMatch(/<fieldset[^>]*>\s*<legend>How likely are you to recommend us/);
    expect(page.match(/<input type="radio" name="score"/g)).toHaveLength(11);
    expect(page).toContain('<label class="opt"><input type="radio" name="score" value="0" required>');
    expect(page).toContain('<span class="vh"> (Not at all likely)</span>');
    expect(page).toMatch(/<label class="field" for="comment">[^<]+<span/);
    expect(page).toContain('<textarea id="comment" name="comment"');
    expect(page).toContain('maxlength="2000"');
    expect(page).toContain('<button type="submit">');
    expect(page).toMatch(/<form method="post">/);
  });

  it('shows five CSAT options with their meanings', () => {
    const page = renderSurveyPage({ kind: 'csat', token });
    expect(page.match(/name="score"/g)).toHaveLength(5);
    expect(page).toContain('value="1" required>');
    expect(page).toContain('(very satisfied)');
    expect(page).not.toContain('value="0"');
  });

  it('preselects the clicked score, and only that one', () => {
    const page = renderSurveyPage({ kind: 'nps', token, selected: 7 });
    expect(page).toContain('value="7" checked>');
    expect(page.match(/ checked/g)).toHaveLength(1);
    expect(renderSurveyPage({ kind: 'nps', token }).match(/ checked/g)).toBeNull();
  });

  it('escapes hostile names, comments and errors everywhere', () => {
    for (const evil of HOSTILE) {
      const page = renderSurveyPage({
        kind: 'nps',
        token,
        ownerName: evil,
        contactName: evil,
        comment: evil,
        error: evil,
        selected: 3,
      });
      expectOnlyOwnMarkup(page);
      expect(page).not.toContain(evil);
    }
  });

  it('keeps unicode names and comments intact', () => {
    const page = renderSurveyPage({
      kind: 'nps',
      token,
      ownerName: 'Zoë Øster',
      contactName: '日本 太郎',
      comment: 'très bien 😀',
    });
    expect(page).toContain('<bdi>Zoë Øster</bdi> asked for your feedback.');
    expect(page).toContain('Hi <bdi>日本</bdi>, how are we doing?');
    expect(page).toContain('>très bien 😀</textarea>');
  });

  it('announces a validation error and ties it to the scale', () => {
    const page = renderSurveyPage({ kind: 'nps', token, error: 'Please choose a score from 0 to 10.' });
    expect(page).toContain(
      '<div class="alert" role="alert" id="form-error">Please choose a score from 0 to 10.</div>',
    );
    expect(page).toContain('aria-describedby="form-error scale-ends"');
    expect(page).toContain('<title>Error: your feedback</title>');
  });

  it('links to a survey-only opt-out with the same token, relative to the page, and says so (#14)', () => {
    const page = renderSurveyPage({ kind: 'nps', token });
    expect(page).toContain(`Don’t want surveys like this? <a href="../u/${token}">Stop surveys</a>`);
  });
});

describe('other pages', () => {
  it('thanks with the score and offers to change it', () => {
    const page = renderThankYouPage({
      kind: 'csat',
      score: 4,
      ownerName: '<b>Ann</b>',
      hadComment: true,
      revised: false,
    });
    expect(page).toContain('<strong>4 out of 5</strong>, with your comment');
    expect(page).toContain('<a href="?score=4">Change your answer</a>');
    expect(page).toContain('<bdi>&lt;b&gt;Ann&lt;/b&gt;</bdi> will see it');
    expect(renderThankYouPage({ kind: 'nps', score: 9, hadComment: false, revised: true })).toContain(
      'We have updated your answer',
    );
  });

  it('confirms an unsubscribe with a POST button and escapes the address', () => {
    const page = renderUnsubscribeConfirmPage({ maskedEmail: '"><script>x</script>@x' });
    expect(page).toContain('<form method="post"><button type="submit">Unsubscribe</button></form>');
    expectOnlyOwnMarkup(page);
    expectOnlyOwnMarkup(renderUnsubscribedPage({ maskedEmail: '<script>@x' }));
  });

  it.each([
    ['unknown', /We don’t recognise this link/],
    ['tampered', /This link looks damaged/],
    ['expired', /This link has expired/],
  ] as const)('explains a %s link and what to do', (reason, title) => {
    const page = renderErrorPage(410, new InvalidLinkError('x', reason));
    expect(page).toMatch(title);
    expect(page).toMatch(/reply to/);
  });

  it('never shows an internal message on a 500', () => {
    const page = renderErrorPage(500, new Error('ECONNREFUSED 127.0.0.1:8000 at /srv/secret.ts'));
    expect(page).toContain('Something went wrong on our side');
    expect(page).not.toMatch(/ECONNREFUSED|secret/);
  });

  it('has a friendly page for bad requests, refusals, unknown paths, methods and big bodies', () => {
    expect(renderErrorPage(400, new Error())).toContain('We couldn’t read that');
    expect(renderErrorPage(403, new Error())).toContain('another website');
    expect(renderErrorPage(404, new Error())).toContain('Page not found');
    expect(renderErrorPage(405, new MethodNotAllowedError(['GET']))).toContain('can’t be used that way');
    expect(renderErrorPage(413, new Error())).toContain('2,000 characters');
  });
});

describe('page headers', () => {
  it('forbid scripts, framing, foreign form targets, sniffing, referrers and caching', () => {
    const csp = PAGE_HEADERS['content-security-policy'];
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).toMatch(/form-action 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/script-src|unsafe/);
    expect(PAGE_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(PAGE_HEADERS['referrer-policy']).toBe('same-origin');
    expect(PAGE_HEADERS['cache-control']).toBe('no-store');
  });

  it('allow exactly the inline style block of the pages', async () => {
    const { createHash } = await import('node:crypto');
    const page = renderSurveyPage({ kind: 'nps', token: mintToken(randomBytes) });
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(PAGE_HEADERS['content-security-policy']).toContain(`'sha256-${hash}'`);
  });
});
