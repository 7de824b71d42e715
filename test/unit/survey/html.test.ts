import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../../functions/core/html.ts';

describe('escapeHtml and the html template', () => {
  it('escapes the characters that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });

  it('escapes every interpolation unless it is raw or nested html', () => {
    const evil = '<script>alert(1)</script>';
    const inner = html`<b>${evil}</b>`;
    const out = html`<p title="${evil}">${evil}${inner}${raw('<hr>')}</p>`.toString();
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;' +
        '<b>&lt;script&gt;alert(1)&lt;/script&gt;</b><hr></p>',
    );
  });

  it('renders nothing for undefined, null and false, and arrays item by item', () => {
    expect(html`${undefined}${null}${false}${0}${['<', html`<i>`]}`.value).toBe('0&lt;<i>');
  });

  it('does not treat a look-alike object as raw', () => {
    expect(html`${{ value: '<b>', toString: () => '<b>' }}`.value).toBe('&lt;b&gt;');
  });

  it('leaves unicode as it is', () => {
    expect(escapeHtml('Zoë 日本 😀')).toBe('Zoë 日本 😀');
  });
});
