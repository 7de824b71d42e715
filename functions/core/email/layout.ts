import { html, type RawHtml, raw } from '../html.ts';
import { linkTag } from '../i18n/format.ts';
import type { Voice } from '../i18n/voice.ts';

/** The font stack of every email: each client's own system face. */
export const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The shell every email shares: table layout and inline styles, because mail clients ignore
 * <style> blocks and flexbox; one column at most 560px wide so it reads the same on a phone.
 */
export function emailShell(input: {
  preheader: string | RawHtml;
  body: RawHtml;
  footer?: RawHtml | undefined;
  /** The language and direction the email is written in. @default English, left to right */
  voice?: Pick<Voice, 't'> | undefined;
  /** Above the body: the company's logo. */
  header?: RawHtml | undefined;
}): string {
  const lang = input.voice?.t.lang ?? 'en';
  const dir = input.voice?.t.dir ?? 'ltr';
  return html`<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title></title>
</head>
<body style="margin:0;padding:0;background:#ffffff;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${input.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#ffffff;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;">
${input.header && html`<tr><td dir="${dir}" style="padding:0 0 20px 0;">${input.header}</td></tr>`}
<tr><td dir="${dir}" style="font-family:${raw(FONT)};font-size:16px;line-height:1.55;color:#1f2328;">
${input.body}
</td></tr>
${
  input.footer &&
  html`<tr><td dir="${dir}" style="padding-top:28px;font-family:${raw(FONT)};font-size:12px;line-height:1.5;color:#57606a;">${input.footer}</td></tr>`
}
</table>
</td></tr>
</table>
</body>
</html>`.value;
}

export const paragraph = (content: RawHtml | string) => html`<p style="margin:0 0 16px 0;">${content}</p>`;

/** A one-click link drawn as a filled button (mail clients drop <button> and CSS classes). */
export const button = (href: string, label: string) =>
  html`<a href="${href}" style="display:inline-block;padding:10px 18px;margin:0 8px 8px 0;border-radius:6px;background:#0a58ca;color:#ffffff;text-decoration:none;font-weight:600;">${label}</a>`;

/** The outlined companion of `button`, for the second choice. */
export const secondaryButton = (href: string, label: string) =>
  html`<a href="${href}" style="display:inline-block;padding:10px 18px;margin:0 8px 8px 0;border-radius:6px;border:1px solid #0a58ca;color:#0a58ca;text-decoration:none;font-weight:600;">${label}</a>`;

/** Someone's own words, kept as typed (line breaks too), set apart from ours. */
export const quote = (text: string) =>
  html`<blockquote style="margin:0 0 16px 0;padding:8px 14px;border-left:4px solid #a3201a;background:#fdf1f0;color:#1f2328;white-space:pre-wrap;">${text}</blockquote>`;

/** The text/plain form of `quote`: each line behind "> ". */
export const quoteText = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

/** A command or id the reader may copy, in a monospace face. */
export const code = (text: string) =>
  html`<span style="font-family:ui-monospace,Menlo,monospace;font-size:14px;">${text}</span>`;

export type FooterKind = 'footer.checkIn' | 'footer.survey' | 'footer.greeting';

/**
 * The footer of every email to a customer contact: why they get it, the unsubscribe link, and
 * the company's postal address and privacy policy when configured, as markup for the shell and as
 * the closing lines of the text part.
 */
export function unsubscribeFooter(
  voice: Voice,
  kind: FooterKind,
  accountName: string,
  unsubscribeUrl: string,
) {
  const { t, company } = voice;
  const values = { account: accountName, link: linkTag(unsubscribeUrl, 'color:#57606a;') };
  const privacy = company.privacyPolicyUrl
    ? { link: linkTag(company.privacyPolicyUrl, 'color:#57606a;') }
    : undefined;
  const address = [company.name, company.postalAddress].filter((x): x is string => !!x);
  return {
    html: html`${t.html(kind, values)}${
      address.length > 0 &&
      html`<br><span style="white-space:pre-line;">${address.map((a, i) => html`${i ? ', ' : ''}<bdi>${a}</bdi>`)}</span>`
    }${privacy && html`<br>${t.html('footer.privacy', privacy)}`}`,
    text: [
      t.text(kind, values),
      ...(address.length ? [address.join(', ').replace(/\n/g, ', ')] : []),
      ...(privacy ? [t.text('footer.privacy', privacy)] : []),
    ].join('\n'),
  };
}

/** The company's logo above a survey, when configured: at most 48 px high, its name as the alternative text. */
export function logoHeader(voice: Voice): RawHtml | undefined {
  const { logoUrl, name } = voice.company;
  if (!logoUrl) return undefined;
  return html`<img src="${logoUrl}" alt="${name ?? ''}" height="48" style="display:block;height:48px;width:auto;max-width:100%;border:0;">`;
}

/** Wraps plain text at word boundaries so text/plain parts stay readable in any client. */
export function wrapText(text: string, width = 72): string {
  return text
    .split('\n')
    .map((line) => {
      const words = line.split(' ');
      const out: string[] = [];
      let current = '';
      for (const w of words) {
        if (current && current.length + 1 + w.length > width) {
          out.push(current);
          current = w;
        } else current = current ? `${current} ${w}` : w;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}
