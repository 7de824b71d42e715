import { createHash } from 'node:crypto';
import type { CompanySettings } from '../../config/voice-settings.ts';
import type { SurveyKind, Tier } from '../domain/vocabulary.ts';
import { InvalidLinkError } from '../errors.ts';
import { html, type RawHtml, raw } from '../html.ts';
import { addressName, type MessageKey } from '../i18n/catalogue.ts';
import { linkTag, strongTag } from '../i18n/format.ts';
import { DEFAULT_VOICE, surveyWording, type Voice } from '../i18n/voice.ts';
import { MAX_COMMENT_CHARS, SCORE_RANGE } from './answer.ts';

/**
 * The pages behind survey and unsubscribe links: server-rendered, no JavaScript, no external
 * assets (one inline style block, allowed by its hash in the CSP), about 5 kB. Every value from a
 * link, a form or the store goes through the `html` template, which escapes it.
 *
 * Accessibility: one <h1> per page, the score scale is a <fieldset> with a <legend> of native
 * radio buttons (keyboard: Tab into the group, arrows to choose), each labelled including the
 * meaning of the ends; the comment box has a <label>; errors are announced (role=alert) and tied
 * to the field (aria-describedby); focus is always visible; colours meet 4.5:1 or better.
 */

// Colours and contrast on white: text #1f2328 (15.8:1), muted #57606a (6.4:1), accent --brand
// (company.brandColor, at least 4.5:1 with white by its settings check; #0a58ca, 6.4:1, by default), error #a3201a on #fdf1f0 (6.9:1).
const CSS = [
  '*{box-sizing:border-box}',
  'html{-webkit-text-size-adjust:100%}',
  'body{margin:0;background:#f3f4f6;color:#1f2328;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}',
  // A long German compound or a long address breaks rather than push a 320px screen sideways.
  'body{overflow-wrap:anywhere}',
  'main{max-width:38rem;margin:0 auto;padding:1.25rem .75rem 3rem}',
  '.card{background:#fff;border:1px solid #d0d7de;border-radius:12px;padding:1.5rem 1.25rem}',
  'h1{font-size:1.375rem;line-height:1.3;margin:0 0 .75rem}',
  'p{margin:0 0 1rem}',
  '.muted{color:#57606a}',
  '.after{margin:1rem 0 0}',
  'fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}',
  'legend{font-weight:600;font-size:1.125rem;padding:0;margin:0 0 .75rem}',
  '.scale{display:grid;gap:.375rem}',
  '.nps{grid-template-columns:repeat(6,1fr)}',
  '.csat{grid-template-columns:repeat(5,1fr)}',
  '@media (min-width:34rem){.nps{grid-template-columns:repeat(11,1fr)}}',
  '.opt{position:relative;display:block}',
  '.opt input{position:absolute;top:0;left:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}',
  '.opt span{display:flex;align-items:center;justify-content:center;min-height:2.75rem;border:2px solid #57606a;border-radius:8px;background:#fff;font-weight:600}',
  '.opt input:hover+span{border-color:var(--brand);background:#eef4fd}',
  '.opt input:checked+span{background:var(--brand);border-color:var(--brand);color:#fff}',
  '.opt input:focus-visible+span{outline:3px solid #1f2328;outline-offset:2px}',
  '.ends{display:flex;justify-content:space-between;gap:1rem;margin-top:.5rem;font-size:.9375rem;color:#57606a}',
  // Whole words at the ends of the scale: "wahrscheinlich" wraps as a word, never as "wahrscheinlic h".
  '.ends span{overflow-wrap:break-word}.ends span+span{text-align:end}',
  '.field{display:block;font-weight:600;margin:0 0 .375rem}',
  'textarea{display:block;width:100%;min-height:7.5rem;padding:.625rem .75rem;border:2px solid #57606a;border-radius:8px;font:inherit;color:inherit;background:#fff;resize:vertical}',
  'textarea:focus-visible{outline:3px solid var(--brand);outline-offset:2px}',
  '.hint{font-size:.9375rem;color:#57606a;margin:.375rem 0 1.5rem}',
  'button{display:inline-block;min-height:2.75rem;padding:.625rem 1.5rem;border:0;border-radius:8px;background:var(--brand);color:#fff;font:inherit;font-weight:600;cursor:pointer}',
  'button:hover{filter:brightness(.85)}',
  '.logo{display:block;height:48px;width:auto;max-width:100%;margin:0 0 1rem}',
  'textarea{unicode-bidi:plaintext}',
  'button:focus-visible{outline:3px solid #1f2328;outline-offset:2px}',
  '.alert{border-left:4px solid #a3201a;background:#fdf1f0;color:#a3201a;padding:.75rem 1rem;margin:0 0 1.25rem;border-radius:4px;font-weight:600}',
  'a{color:var(--brand);text-underline-offset:2px}',
  'a:focus-visible{outline:3px solid #1f2328;outline-offset:2px;border-radius:2px}',
  'footer{margin-top:1.25rem;font-size:.9375rem;color:#57606a;text-align:center}',
  '.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}',
  '@media (prefers-reduced-motion:no-preference){.opt span,button{transition:background-color .1s}}',
].join('');

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');
/** The page's one style block: the fixed rules and the company's colour. */
const styleOf = (color: string) => `:root{--brand:${color}}${CSS}`;

/**
 * Headers of every page: no scripts at all, no framing, no caching, no referrer to another site
 * (the URL holds a token); `same-origin` rather than `no-referrer` so that our own form's POST
 * carries its real Origin and `Origin: null` can be refused as cross-site. The style block (with
 * the company's colour) is allowed by its hash; the logo's origin is the only image source.
 */
export function pageHeaders(
  company: Partial<Pick<CompanySettings, 'brandColor' | 'logoUrl'>> = {},
): Record<string, string> {
  const style = sha256(styleOf(company.brandColor ?? DEFAULT_BRAND));
  const img = company.logoUrl ? `; img-src ${new URL(company.logoUrl).origin}` : '';
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'sha256-${style}'${img}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
  };
}

const DEFAULT_BRAND = '#0a58ca';

/** The headers with the default company settings. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = pageHeaders();

/** The page shell every link page shares (survey, unsubscribe, owner actions). */
export function layout(
  title: string | RawHtml,
  body: RawHtml,
  footer?: RawHtml,
  voice: Voice = DEFAULT_VOICE,
): string {
  const { t, company } = voice;
  const logo =
    company.logoUrl && html`<img class="logo" src="${company.logoUrl}" alt="${company.name ?? ''}">`;
  const privacy =
    company.privacyPolicyUrl && t.html('page.privacy', { link: linkTag(company.privacyPolicyUrl) });
  const foot = [footer, privacy].filter((f): f is RawHtml => !!f);
  return `<!doctype html>\n${html`<html lang="${t.lang}" dir="${t.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><title>${title}</title><style>${raw(styleOf(company.brandColor ?? DEFAULT_BRAND))}</style></head><body><main>${logo}<div class="card">${body}</div>${foot.length > 0 && html`<footer>${foot.map((f, i) => html`${i ? html`<br>` : ''}${f}`)}</footer>`}</main></body></html>`}`;
}

function scoreMeaning(voice: Voice, kind: SurveyKind, score: number): string | undefined {
  if (kind === 'csat') return voice.t.text('survey.csatScore', { score });
  const { min, max } = SCORE_RANGE.nps;
  return score === min
    ? voice.t.text('survey.low.nps')
    : score === max
      ? voice.t.text('survey.high.nps')
      : undefined;
}

export interface SurveyPageModel {
  kind: SurveyKind;
  /** The link's token (base64url); used for the unsubscribe link in the footer. */
  token: string;
  ownerName?: string | undefined;
  contactName?: string | undefined;
  /** The account's tier and single product when the survey was sent: the page asks what the email asked. */
  tier?: Tier | undefined;
  product?: string | undefined;
  /** The score to show as chosen (`?score=N` from the email, or the one just submitted). */
  selected?: number | undefined;
  /** The comment to show again after a validation error. */
  comment?: string | undefined;
  /** A validation message to show above the form. */
  error?: RawHtml | string | undefined;
  /** The contact's language and the company. @default English */
  voice?: Voice | undefined;
}

/** The survey form. The form posts to the page's own URL, so it works under any path prefix. */
export function renderSurveyPage(m: SurveyPageModel): string {
  const voice = m.voice ?? DEFAULT_VOICE;
  const { t } = voice;
  const { question, followUp } = surveyWording(voice, m.kind, m.tier, m.product);
  const { min, max } = SCORE_RANGE[m.kind];
  const options = [];
  for (let s = min; s <= max; s++) {
    const meaning = scoreMeaning(voice, m.kind, s);
    options.push(
      html`<label class="opt"><input type="radio" name="score" value="${s}"${s === min ? raw(' required') : ''}${m.selected === s ? raw(' checked') : ''}><span>${s}${meaning && html`<span class="vh"> (${meaning.replace(/[\u2068\u2069]/g, '')})</span>`}</span></label>`,
    );
  }
  const name = addressName(t, m.contactName);
  const owner = m.ownerName?.trim();
  const company = voice.company.name;
  const intro = t.html(company ? 'page.survey.intro' : 'page.survey.introNoCompany', {
    asked: owner ? 'yes' : 'no',
    owner: owner ?? '',
    company,
  });
  const body = html`<h1>${name ? t.html('page.survey.heading', { name }) : t.html('page.survey.headingAnonymous')}</h1>
<p class="muted">${intro}</p>
<form method="post">
${m.error && html`<div class="alert" role="alert" id="form-error">${m.error}</div>`}
<fieldset aria-describedby="${m.error ? 'form-error scale-ends' : 'scale-ends'}">
<legend>${question.html}</legend>
<div class="scale ${m.kind}">${options}</div>
<div class="ends" id="scale-ends" aria-hidden="true"><span>${t.html('page.survey.scaleEnd', { score: min, meaning: t.text(`survey.low.${m.kind}`) })}</span><span>${t.html('page.survey.scaleEnd', { score: max, meaning: t.text(`survey.high.${m.kind}`) })}</span></div>
</fieldset>
<label class="field" for="comment">${followUp.html} <span class="muted">${t.html('page.survey.optional')}</span></label>
<textarea id="comment" name="comment" rows="5" dir="auto" maxlength="${MAX_COMMENT_CHARS}" aria-describedby="comment-hint">${m.comment ?? ''}</textarea>
<p class="hint" id="comment-hint">${t.html('page.survey.commentHint', { max: MAX_COMMENT_CHARS })}</p>
<button type="submit">${t.html('page.survey.submit')}</button>
</form>`;
  // The survey's own link opts out of surveys only (core/survey/unsubscribe.ts).
  const footer = t.html('page.footer', { link: linkTag(`../u/${encodeURIComponent(m.token)}`) });
  return layout(t.line(m.error ? 'page.survey.errorTitle' : 'page.survey.title'), body, footer, voice);
}

export interface ThankYouModel {
  kind: SurveyKind;
  score: number;
  ownerName?: string | undefined;
  hadComment: boolean;
  /** True when this answer replaced an earlier one. */
  revised: boolean;
  /** True when the answer may no longer be changed (score and comment are the stored ones). */
  final?: boolean | undefined;
  voice?: Voice | undefined;
}

export function renderThankYouPage(m: ThankYouModel): string {
  const voice = m.voice ?? DEFAULT_VOICE;
  const { t } = voice;
  const { max } = SCORE_RANGE[m.kind];
  const owner = m.ownerName?.trim();
  const answer = { score: m.score, max, comment: m.hadComment ? 'yes' : 'no', b: strongTag };
  const next = owner ? t.html('page.thanks.owner', { owner }) : t.html('page.thanks.team');
  if (m.final)
    return layout(
      t.line('page.final.title'),
      html`<h1>${t.html('page.final.title')}</h1>
<p>${t.html('page.final.body', answer)}</p>
<p>${next}</p>`,
      undefined,
      voice,
    );
  const body = html`<h1>${t.html('page.thanks.heading')}</h1>
<p>${t.html('page.thanks.recorded', { ...answer, revised: m.revised ? 'yes' : 'no' })}</p>
<p>${next}</p>
<p class="muted">${t.html('page.thanks.change', { link: linkTag(`?score=${m.score}`) })}</p>`;
  return layout(t.line('page.thanks.title'), body, undefined, voice);
}

export function renderUnsubscribeConfirmPage(m: { maskedEmail: string; voice?: Voice | undefined }): string {
  const voice = m.voice ?? DEFAULT_VOICE;
  const { t, company } = voice;
  const question = company.name
    ? t.html('page.unsubscribe.question', { company: company.name, email: m.maskedEmail, b: strongTag })
    : t.html('page.unsubscribe.questionNoCompany', { email: m.maskedEmail, b: strongTag });
  const body = html`<h1>${t.html('page.unsubscribe.heading')}</h1>
<p>${question}</p>
<form method="post"><button type="submit">${t.html('page.unsubscribe.button')}</button></form>
<p class="muted after">${t.html('page.unsubscribe.cancel')}</p>`;
  return layout(t.line('page.unsubscribe.title'), body, undefined, voice);
}

export function renderUnsubscribedPage(m: { maskedEmail: string; voice?: Voice | undefined }): string {
  const voice = m.voice ?? DEFAULT_VOICE;
  const { t } = voice;
  const body = html`<h1>${t.html('page.unsubscribed.heading')}</h1>
<p>${t.html('page.unsubscribed.body', { email: m.maskedEmail, b: strongTag })}</p>
<p class="muted">${t.html('page.unsubscribed.mistake')}</p>`;
  return layout(t.line('page.unsubscribed.title'), body, undefined, voice);
}

type ErrorCopy =
  | 'expired'
  | 'superseded'
  | 'tampered'
  | 'unknown'
  | '400'
  | '403'
  | '404'
  | '405'
  | '413'
  | '500'
  | 'other';

function errorCopy(status: number, error: unknown): ErrorCopy {
  if (error instanceof InvalidLinkError)
    return error.reason === 'expired' || error.reason === 'superseded' || error.reason === 'tampered'
      ? error.reason
      : 'unknown';
  if (status === 400 || status === 403 || status === 404 || status === 405 || status === 413)
    return String(status) as ErrorCopy;
  return status >= 500 ? '500' : 'other';
}

/** A friendly page for an error status: what happened and what to do. Never shows internals. */
export function renderErrorPage(status: number, error: unknown, voice: Voice = DEFAULT_VOICE): string {
  const c = errorCopy(status, error);
  const { t } = voice;
  const key = (part: 'title' | 'lead' | 'next') => `error.${c}.${part}` as MessageKey;
  const values = { max: MAX_COMMENT_CHARS };
  return layout(
    t.line(key('title'), values),
    html`<h1>${t.html(key('title'), values)}</h1><p>${t.html(key('lead'), values)}</p><p>${t.html(key('next'), values)}</p>`,
    undefined,
    voice,
  );
}
