import type { Account, Touch } from '../account.ts';
import { localizeDates, reasonDate, shortDate } from '../health/health-score.ts';
import type { NegativeSignal } from '../health/ports.ts';
import { html, type RawHtml } from '../html.ts';
import { ownerPersonName } from '../wording.ts';
import {
  button,
  emailShell,
  paragraph,
  quote,
  quoteText,
  type RenderedEmail,
  secondaryButton,
  wrapText,
} from './layout.ts';
import { firstWord } from './phrasing.ts';

/**
 * The owner's alert about an account at risk. Internal mail (like the escalation and cohort alerts):
 * no unsubscribe, no fatigue budget. The customer's words are quoted as text: every value goes through the escaping `html`.
 */

/**
 * "NPS 3/10 (a detractor) on 12 Nov" / "complaint on 12 Nov": a phrase without a colon of its own,
 * because it is set after one ("needs you: ...", "Owner alerted: ..."). The date is stored as its
 * instant (`reasonDate`); each reader shows it in its zone with `localizeDates`.
 */
export function describeSignal(
  s: Pick<NegativeSignal, 'kind' | 'score' | 'surveyKind' | 'at' | 'source'>,
): string {
  if (s.kind === 'detractor') {
    const scale =
      s.surveyKind === 'csat'
        ? `CSAT ${s.score}/5`
        : s.surveyKind === 'nps'
          ? `NPS ${s.score}/10`
          : `score ${s.score ?? '?'}`;
    return `${scale} (a detractor) on ${reasonDate(s.at)}`;
  }
  return `complaint on ${reasonDate(s.at)}`;
}

/** The snooze of the alert's link (the owner-action default). */
const SNOOZE_DAYS = 7;

/** "Ana Schröder (Head of Finance), ana@acme.example, +49 30 1234567". */
function describeContact(c: NonNullable<RiskAlertInput['contact']>): string {
  const who = c.name ? (c.role ? `${c.name} (${c.role})` : c.name) : undefined;
  return [who, c.email, c.phone].filter(Boolean).join(', ');
}

const TOUCH_LABEL: Partial<Record<Touch['kind'], string>> = {
  note: 'contact logged',
  import: 'last contact (imported)',
  'check-in': 'check-in sent',
  survey: 'survey sent',
  'survey-reminder': 'survey reminder sent',
  'survey-answer': 'survey answered',
  reply: 'reply',
  crm: 'contact (CRM)',
  'owner-nudge': 'owner nudged',
  'owner-alert': 'owner alerted',
  greeting: 'greeting sent',
  'qbr-reminder': 'quarterly review reminder',
};

/** "28 Nov: check-in sent (Checked in with Ana)", the date in the reader's zone. */
export function describeTouch(t: Pick<Touch, 'at' | 'kind' | 'note'>, timeZone: string): string {
  const what = TOUCH_LABEL[t.kind] ?? t.kind;
  const note = t.note ? ` (${localizeDates(t.note, timeZone)})` : '';
  return `${shortDate(t.at, timeZone)}: ${what}${note}`;
}

/** Lines of the account's recent timeline an alert shows. */
export const ALERT_TIMELINE_LINES = 5;

export interface RiskAlertInput {
  account: Account;
  signal: NegativeSignal;
  /** One line about the account's health: "red 25: ...". */
  health?: string | undefined;
  acknowledgeUrl: string;
  markContactedUrl: string;
  /** Who answered and how to reach them, when the signal came from a person. */
  contact?:
    | { email: string; name?: string | undefined; role?: string | undefined; phone?: string | undefined }
    | undefined;
  /** The account's latest touches, newest first (at most `ALERT_TIMELINE_LINES` are shown). */
  timeline?: Touch[] | undefined;
  /** The owner's zone: every date of the alert is shown in it. @default 'UTC' */
  timeZone?: string | undefined;
  /** Defers the account's automated outreach (default 7 days); does not acknowledge the alert. */
  snoozeUrl?: string | undefined;
}

/** The owner's alert, sent at once: what happened, the customer's words, one-click links. */
export function renderRiskAlert(input: RiskAlertInput): RenderedEmail {
  const { account, signal } = input;
  const zone = input.timeZone ?? 'UTC';
  const what = localizeDates(describeSignal(signal), zone);
  const recent = (input.timeline ?? []).slice(0, ALERT_TIMELINE_LINES).map((t) => describeTouch(t, zone));
  const subject = `At risk: ${account.name}, ${what}`;
  const greeting = firstWord(ownerPersonName(account));
  const lead = `${account.name} needs you: ${what}.`;
  const body: RawHtml[] = [paragraph(greeting ? `Hi ${greeting},` : 'Hi,'), paragraph(lead)];
  const who = input.contact ? describeContact(input.contact) : undefined;
  if (who) body.push(paragraph(`From ${who}.`));
  if (signal.comment) body.push(paragraph('In their words:'), quote(signal.comment));
  // "Health now red 25: ...": one colon, the one inside the health line itself.
  if (input.health) body.push(paragraph(html`Health now <strong>${input.health}</strong>`));
  if (recent.length)
    body.push(
      paragraph('Recently:'),
      html`<ul style="margin:0 0 16px 0;padding-left:20px;">${recent.map((l) => html`<li>${l}</li>`)}</ul>`,
    );
  body.push(
    paragraph('Please get in touch soon. Let the tool know you are on it, or that you have been in touch:'),
    html`<p style="margin:0 0 16px 0;">${button(input.acknowledgeUrl, 'I’m on it')}${secondaryButton(input.markContactedUrl, 'Mark contacted')}${input.snoozeUrl ? secondaryButton(input.snoozeUrl, `Snooze outreach ${SNOOZE_DAYS} days`) : html``}</p>`,
    paragraph(`If nobody acknowledges this alert, it goes to your manager.`),
  );
  const text = [
    greeting ? `Hi ${greeting},` : 'Hi,',
    lead,
    ...(who ? [`From ${who}.`] : []),
    ...(signal.comment ? ['In their words:', quoteText(signal.comment)] : []),
    ...(input.health ? [`Health now ${input.health}`] : []),
    ...(recent.length ? [['Recently:', ...recent.map((l) => `- ${l}`)].join('\n')] : []),
    `I'm on it: ${input.acknowledgeUrl}`,
    `Mark contacted: ${input.markContactedUrl}`,
    ...(input.snoozeUrl ? [`Snooze outreach ${SNOOZE_DAYS} days: ${input.snoozeUrl}`] : []),
    'If nobody acknowledges this alert, it goes to your manager.',
  ];
  return {
    subject,
    html: emailShell({ preheader: lead, body: html`${body}` }),
    text: wrapText(text.join('\n\n')),
  };
}
