import { html } from '../html.ts';
import { strongTag } from '../i18n/format.ts';
import { DEFAULT_VOICE, type Voice } from '../i18n/voice.ts';
import { layout } from './survey-page.ts';

/**
 * The pages behind a survey email's opt-out link (and the survey page's footer link): they stop
 * surveys and survey reminders only, and say that personal check-ins still come. GET confirms,
 * POST acts, like the full unsubscribe pages beside them in survey-page.ts.
 */

export function renderSurveyOptOutConfirmPage(m: { maskedEmail: string; voice?: Voice | undefined }): string {
  const voice = m.voice ?? DEFAULT_VOICE;
  const { t } = voice;
  const body = html`<h1>${t.html('page.surveyOptOut.heading')}</h1>
<p>${t.html('page.surveyOptOut.question', { email: m.maskedEmail, b: strongTag })}</p>
<form method="post"><button type="submit">${t.html('page.surveyOptOut.button')}</button></form>
<p class="muted after">${t.html('page.unsubscribe.cancel')}</p>`;
  return layout(t.line('page.surveyOptOut.title'), body, undefined, voice);
}

export function renderSurveyOptedOutPage(m: { maskedEmail: string; voice?: Voice | undefined }): string {
  const voice = m.voice ?? DEFAULT_VOICE;
  const { t } = voice;
  const body = html`<h1>${t.html('page.surveyOptedOut.heading')}</h1>
<p>${t.html('page.surveyOptedOut.body', { email: m.maskedEmail, b: strongTag })}</p>
<p class="muted">${t.html('page.unsubscribed.mistake')}</p>`;
  return layout(t.line('page.surveyOptedOut.title'), body, undefined, voice);
}
