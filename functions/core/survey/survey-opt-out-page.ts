import { html } from '../html.ts';
import { layout } from './survey-page.ts';

/**
 * The pages behind a survey email's opt-out link (and the survey page's footer link): they stop
 * surveys and survey reminders only, and say that personal check-ins still come. GET confirms,
 * POST acts, like the full unsubscribe pages beside them in survey-page.ts.
 */

export function renderSurveyOptOutConfirmPage(m: { maskedEmail: string }): string {
  const body = html`<h1>Stop surveys?</h1>
<p>Stop surveys from us to <strong>${m.maskedEmail}</strong>? Personal check-ins from your account team will still come, each with its own link to stop them.</p>
<form method="post"><button type="submit">Stop surveys</button></form>
<p class="muted after">Changed your mind? Just close this page; nothing changes until you press the button.</p>`;
  return layout('Stop surveys', body);
}

export function renderSurveyOptedOutPage(m: { maskedEmail: string }): string {
  const body = html`<h1>No more surveys</h1>
<p>We will not send surveys to <strong>${m.maskedEmail}</strong> any more. Personal check-ins from your account team still come; each one has a link to stop them too.</p>
<p class="muted">If this was a mistake, reply to one of our earlier emails and your contact will put it right.</p>`;
  return layout('No more surveys', body);
}
