import { html, type RawHtml, raw } from '../html.ts';
import { endSentence } from '../wording.ts';

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
  preheader: string;
  body: RawHtml;
  footer?: RawHtml | undefined;
}): string {
  return html`<!doctype html>
<html lang="en">
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
<tr><td style="font-family:${raw(FONT)};font-size:16px;line-height:1.55;color:#1f2328;">
${input.body}
</td></tr>
${
  input.footer &&
  html`<tr><td style="padding-top:28px;font-family:${raw(FONT)};font-size:12px;line-height:1.5;color:#57606a;">${input.footer}</td></tr>`
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

/**
 * The footer of every email to a customer contact: why they get it, and the unsubscribe link, as
 * markup for the shell and as the last line of the text part.
 */
export function unsubscribeFooter(
  accountName: string,
  question: string,
  unsubscribeUrl: string,
  linkText = 'Unsubscribe',
) {
  const why = `You're receiving this because you're a contact for ${endSentence(accountName)} ${question}`;
  return {
    html: html`${why} <a href="${unsubscribeUrl}" style="color:#57606a;">${linkText}</a>.`,
    text: `${why} ${linkText}: ${unsubscribeUrl}`,
  };
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
