import { createHash } from 'node:crypto';
import type { SurveyKind } from '../domain/vocabulary.ts';
import { InvalidLinkError } from '../errors.ts';
import { html, type RawHtml, raw } from '../html.ts';
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

// Colours and contrast on white: text #1f2328 (15.8:1), muted #57606a (6.4:1), accent #0a58ca
// (6.4:1; white on it too), error #a3201a on #fdf1f0 (6.9:1).
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
  '.opt input:hover+span{border-color:#0a58ca;background:#eef4fd}',
  '.opt input:checked+span{background:#0a58ca;border-color:#0a58ca;color:#fff}',
  '.opt input:focus-visible+span{outline:3px solid #1f2328;outline-offset:2px}',
  '.ends{display:flex;justify-content:space-between;gap:1rem;margin-top:.5rem;font-size:.9375rem;color:#57606a}',
  '.field{display:block;font-weight:600;margin:0 0 .375rem}',
  'textarea{display:block;width:100%;min-height:7.5rem;padding:.625rem .75rem;border:2px solid #57606a;border-radius:8px;font:inherit;color:inherit;background:#fff;resize:vertical}',
  'textarea:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}',
  '.hint{font-size:.9375rem;color:#57606a;margin:.375rem 0 1.5rem}',
  'button{display:inline-block;min-height:2.75rem;padding:.625rem 1.5rem;border:0;border-radius:8px;background:#0a58ca;color:#fff;font:inherit;font-weight:600;cursor:pointer}',
  'button:hover{background:#08449e}',
  'button:focus-visible{outline:3px solid #1f2328;outline-offset:2px}',
  '.alert{border-left:4px solid #a3201a;background:#fdf1f0;color:#a3201a;padding:.75rem 1rem;margin:0 0 1.25rem;border-radius:4px;font-weight:600}',
  'a{color:#0a58ca;text-underline-offset:2px}',
  'a:focus-visible{outline:3px solid #1f2328;outline-offset:2px;border-radius:2px}',
  'footer{margin-top:1.25rem;font-size:.9375rem;color:#57606a;text-align:center}',
  '.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}',
  '@media (prefers-reduced-motion:no-preference){.opt span,button{transition:background-color .1s}}',
].join('');

const STYLE_HASH = createHash('sha256').update(CSS).digest('base64');

/**
 * Headers of every page: no scripts at all, no framing, no caching, no referrer to another site
 * (the URL holds a token); `same-origin` rather than `no-referrer` so that our own form's POST
 * carries its real Origin and `Origin: null` can be refused as cross-site.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

/** The page shell every link page shares (survey, unsubscribe, owner actions). */
export function layout(title: string, body: RawHtml, footer?: RawHtml): string {
  return `<!doctype html>\n${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><title>${title}</title><style>${raw(CSS)}</style></head><body><main><div class="card">${body}</div>${footer && html`<footer>${footer}</footer>`}</main></body></html>`}`;
}

const QUESTIONS: Record<SurveyKind, { legend: string; comment: string; low: string; high: string }> = {
  nps: {
    legend: 'How likely are you to recommend us to a friend or colleague?',
    comment: 'What is the main reason for your score?',
    low: 'not at all likely',
    high: 'extremely likely',
  },
  csat: {
    legend: 'How satisfied are you with our service?',
    comment: 'What could we do better?',
    low: 'very dissatisfied',
    high: 'very satisfied',
  },
};

const CSAT_LABELS = ['', 'very dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'very satisfied'];

function scoreMeaning(kind: SurveyKind, score: number): string | undefined {
  if (kind === 'csat') return CSAT_LABELS[score];
  const { min, max } = SCORE_RANGE.nps;
  return score === min ? QUESTIONS.nps.low : score === max ? QUESTIONS.nps.high : undefined;
}

const firstName = (name: string | undefined) => name?.trim().split(/\s+/)[0];

export interface SurveyPageModel {
  kind: SurveyKind;
  /** The link's token (base64url); used for the unsubscribe link in the footer. */
  token: string;
  ownerName?: string | undefined;
  contactName?: string | undefined;
  /** The score to show as chosen (`?score=N` from the email, or the one just submitted). */
  selected?: number | undefined;
  /** The comment to show again after a validation error. */
  comment?: string | undefined;
  /** A validation message to show above the form. */
  error?: string | undefined;
}

/** The survey form. The form posts to the page's own URL, so it works under any path prefix. */
export function renderSurveyPage(m: SurveyPageModel): string {
  const q = QUESTIONS[m.kind];
  const { min, max } = SCORE_RANGE[m.kind];
  const options = [];
  for (let s = min; s <= max; s++) {
    const meaning = scoreMeaning(m.kind, s);
    options.push(
      html`<label class="opt"><input type="radio" name="score" value="${s}"${s === min ? raw(' required') : ''}${m.selected === s ? raw(' checked') : ''}><span>${s}${meaning && html`<span class="vh"> (${meaning})</span>`}</span></label>`,
    );
  }
  const greeting = firstName(m.contactName);
  const owner = m.ownerName?.trim();
  const body = html`<h1>${greeting ? `Hi ${greeting}, how are we doing?` : 'How are we doing?'}</h1>
<p class="muted">${owner ? `${owner} asked for your feedback. ` : ''}It takes less than a minute, and only people at our company see your answer.</p>
<form method="post">
${m.error && html`<div class="alert" role="alert" id="form-error">${m.error}</div>`}
<fieldset aria-describedby="${m.error ? 'form-error scale-ends' : 'scale-ends'}">
<legend>${q.legend}</legend>
<div class="scale ${m.kind}">${options}</div>
<div class="ends" id="scale-ends" aria-hidden="true"><span>${min} = ${q.low}</span><span>${max} = ${q.high}</span></div>
</fieldset>
<label class="field" for="comment">${q.comment} <span class="muted">(optional)</span></label>
<textarea id="comment" name="comment" rows="5" maxlength="${MAX_COMMENT_CHARS}" aria-describedby="comment-hint">${m.comment ?? ''}</textarea>
<p class="hint" id="comment-hint">Up to ${MAX_COMMENT_CHARS.toLocaleString('en-US')} characters. You can change your answer later from the same link.</p>
<button type="submit">Send my answer</button>
</form>`;
  // The survey's own link opts out of surveys only (core/survey/unsubscribe.ts).
  const footer = html`Don’t want surveys like this? <a href="../u/${encodeURIComponent(m.token)}">Stop surveys</a>`;
  return layout(m.error ? 'Error: your feedback' : 'Your feedback', body, footer);
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
}

export function renderThankYouPage(m: ThankYouModel): string {
  const { max } = SCORE_RANGE[m.kind];
  const owner = m.ownerName?.trim();
  if (m.final)
    return layout(
      'Your answer is final',
      html`<h1>Your answer is final</h1>
<p>This answer has been changed as often as it can be, so we kept it as it is: <strong>${m.score} out of ${max}</strong>${m.hadComment ? ', with your comment' : ''}.</p>
<p>${owner ? `${owner} will see it and may get in touch.` : 'Your account team will see it and may get in touch.'} You can close this page now.</p>`,
    );
  const body = html`<h1>Thank you!</h1>
<p>${m.revised ? 'We have updated your answer' : 'We have recorded your answer'}: <strong>${m.score} out of ${max}</strong>${m.hadComment ? ', with your comment' : ''}.</p>
<p>${owner ? `${owner} will see it and may get in touch.` : 'Your account team will see it and may get in touch.'} You can close this page now.</p>
<p class="muted">Changed your mind? <a href="?score=${m.score}">Change your answer</a>; sending it again replaces this one.</p>`;
  return layout('Thank you', body);
}

export function renderUnsubscribeConfirmPage(m: { maskedEmail: string }): string {
  const body = html`<h1>Unsubscribe?</h1>
<p>Stop all emails from us to <strong>${m.maskedEmail}</strong>? That includes check-ins and surveys.</p>
<form method="post"><button type="submit">Unsubscribe</button></form>
<p class="muted after">Changed your mind? Just close this page; nothing changes until you press the button.</p>`;
  return layout('Unsubscribe', body);
}

export function renderUnsubscribedPage(m: { maskedEmail: string }): string {
  const body = html`<h1>You are unsubscribed</h1>
<p>We will not send any more emails to <strong>${m.maskedEmail}</strong>.</p>
<p class="muted">If this was a mistake, reply to one of our earlier emails and your contact will put it right.</p>`;
  return layout('Unsubscribed', body);
}

interface ErrorCopy {
  title: string;
  lead: string;
  next: string;
}

function errorCopy(status: number, error: unknown): ErrorCopy {
  if (error instanceof InvalidLinkError) {
    if (error.reason === 'expired')
      return {
        title: 'This link has expired',
        lead: 'Links in our emails work for a limited time, and this one’s time is up.',
        next: 'If you would still like to tell us something, simply reply to the email; it reaches your contact directly.',
      };
    if (error.reason === 'superseded')
      return {
        title: 'This account has a new owner',
        lead: 'This link was sent to the account’s previous owner. The account has moved since, so the link no longer acts on it, and nothing was changed.',
        next: 'The current owner’s alerts and digests carry links that work.',
      };
    if (error.reason === 'tampered')
      return {
        title: 'This link looks damaged',
        lead: 'Part of the link seems to be missing or changed, which can happen when a link is copied or wraps across lines.',
        next: 'Open it again by clicking it in the original email, or reply to the email instead.',
      };
    return {
      title: 'We don’t recognise this link',
      lead: 'This link does not match anything we sent, or it has been replaced by a newer one.',
      next: 'Open the link from the most recent email you received from us, or reply to that email.',
    };
  }
  switch (status) {
    case 400:
      return {
        title: 'We couldn’t read that',
        lead: 'Something in what your browser sent was not in the form we expected.',
        next: 'Go back, check your answer and send it again. If it keeps happening, reply to the email instead.',
      };
    case 403:
      return {
        title: 'This form came from another website',
        lead: 'To protect you, we only accept answers sent from our own page.',
        next: 'Open the link from your email and answer there.',
      };
    case 404:
      return {
        title: 'Page not found',
        lead: 'There is nothing at this address.',
        next: 'Check that the whole link from the email was opened, or reply to the email instead.',
      };
    case 405:
      return {
        title: 'That doesn’t work here',
        lead: 'This address can’t be used that way.',
        next: 'Open the link from your email in a browser and use the button on the page.',
      };
    case 413:
      return {
        title: 'That was too long',
        lead: `What you sent was larger than we accept; comments can be up to ${MAX_COMMENT_CHARS.toLocaleString('en-US')} characters.`,
        next: 'Go back, shorten your comment and send it again.',
      };
    default:
      return status >= 500
        ? {
            title: 'Something went wrong on our side',
            lead: 'We could not finish that just now. It is not your fault.',
            next: 'Please try again in a few minutes.',
          }
        : {
            title: 'That didn’t work',
            lead: 'We could not handle this request.',
            next: 'Open the link from your email again, or reply to the email instead.',
          };
  }
}

/** A friendly page for an error status: what happened and what to do. Never shows internals. */
export function renderErrorPage(status: number, error: unknown): string {
  const c = errorCopy(status, error);
  return layout(c.title, html`<h1>${c.title}</h1><p>${c.lead}</p><p>${c.next}</p>`);
}
