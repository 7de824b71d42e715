import type { Account, Contact } from '../account.ts';
import type { SurveyKind } from '../domain/vocabulary.ts';
import { html } from '../html.ts';
import { addressName } from '../i18n/catalogue.ts';
import { DEFAULT_VOICE, surveyProduct, surveyWording, type Voice } from '../i18n/voice.ts';
import { SCORE_RANGE } from '../survey/answer.ts';
import {
  emailShell,
  logoHeader,
  paragraph,
  type RenderedEmail,
  unsubscribeFooter,
  wrapText,
} from './layout.ts';
import { pick } from './phrasing.ts';
import { greetingOf, signatureOf } from './voice-parts.ts';

export interface SurveyEmailInput {
  account: Account;
  contact: Contact;
  kind: SurveyKind;
  /** The survey page; `?score=N` preselects a score. */
  surveyUrl: string;
  unsubscribeUrl: string;
  cycle: string;
  /** A reminder to someone who has not answered yet. */
  reminder?: boolean | undefined;
  /** The contact's language and the company. @default English, no company */
  voice?: Voice | undefined;
}

const scoreUrl = (base: string, n: number) => `${base}${base.includes('?') ? '&' : '?'}score=${n}`;

/**
 * A one-question survey. The scores are a row of plain links in a table (no forms, no scripts:
 * mail clients strip them), each opening the survey page with that score chosen; nothing is
 * recorded until the page is submitted, because link scanners open every link. The question is
 * the one the page asks (`surveyWording`).
 */
export function renderSurveyEmail(input: SurveyEmailInput): RenderedEmail {
  const { account, contact, kind } = input;
  const voice = input.voice ?? DEFAULT_VOICE;
  const { t } = voice;
  const name = addressName(t, contact.name);
  const greeting = greetingOf(voice, name);
  const owner = signatureOf(voice, account);
  const { question } = surveyWording(voice, kind, account.tier, surveyProduct(account.products));
  const { min, max } = SCORE_RANGE[kind];
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const low = t.text(`survey.low.${kind}`);
  const high = t.text(`survey.high.${kind}`);
  const opener = input.reminder
    ? 'survey.openerReminder'
    : pick(['survey.opener1', 'survey.opener2'] as const, `${account.accountId}|${input.cycle}`);
  const openerValues = { account: account.name };
  // Fluid cells: the scale takes the column's width (up to 44px a score) and shares it out evenly,
  // so all eleven NPS scores fit a 320px phone without a fixed minimum pushing the row wider.
  const share = `${Math.floor(100 / scores.length)}%`;
  const brand = voice.company.brandColor;
  const cells = scores.map(
    (n) =>
      html`<td align="center" width="${share}" style="width:${share};padding:0 1px;"><a href="${scoreUrl(input.surveyUrl, n)}" aria-label="${n}" style="display:block;padding:10px 0;border:1px solid #8c959f;border-radius:6px;background:#f6f8fa;color:${brand};font-weight:600;font-size:15px;line-height:20px;text-align:center;text-decoration:none;">${n}</a></td>`,
  );
  // The ends of the scale follow the reading direction: "low" sits where the row starts.
  const [startAlign, endAlign] = t.dir === 'rtl' ? ['right', 'left'] : ['left', 'right'];
  const body = html`${paragraph(greeting.html)}${paragraph(t.html(opener, openerValues))}
<p style="margin:0 0 12px 0;font-weight:600;">${question.html}</p>
<table role="presentation" dir="${t.dir}" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:${scores.length * 44}px;table-layout:fixed;margin:0 0 4px 0;"><tr>${cells}</tr>
<tr><td colspan="${Math.ceil(scores.length / 2)}" align="${startAlign}" style="font-size:12px;color:#57606a;padding-top:4px;">${t.html(`survey.low.${kind}`)}</td><td colspan="${Math.floor(scores.length / 2)}" align="${endAlign}" style="font-size:12px;color:#57606a;padding-top:4px;">${t.html(`survey.high.${kind}`)}</td></tr></table>
${paragraph(html`<span style="font-size:14px;color:#57606a;">${t.html('survey.clickHint')}</span>`)}
${paragraph(html`${t.html('survey.signOff')}<br>${owner.html}`)}`;
  const footer = unsubscribeFooter(voice, 'footer.survey', account.name, input.unsubscribeUrl);
  const text = wrapText(
    [
      greeting.text,
      '',
      t.text(opener, openerValues),
      '',
      question.text,
      t.text('survey.answerHere', { min, max, low, high }),
      input.surveyUrl,
      '',
      t.text('survey.signOff'),
      owner.text,
      '',
      '--',
      footer.text,
    ].join('\n'),
  );
  return {
    // Never "Re:": a reminder is not a reply, and mailbox providers treat a fake one as deceptive.
    subject: question.line,
    html: emailShell({
      preheader: question.html,
      body,
      footer: footer.html,
      voice,
      header: logoHeader(voice),
    }),
    text,
  };
}
