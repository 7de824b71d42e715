import type { Account, Contact } from '../account.ts';
import type { SurveyKind } from '../domain/vocabulary.ts';
import { html } from '../html.ts';
import { ownerSignature } from '../wording.ts';
import { emailShell, paragraph, type RenderedEmail, unsubscribeFooter, wrapText } from './layout.ts';
import { firstName, pick } from './phrasing.ts';

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
}

const SCALES: Record<SurveyKind, { scores: number[]; low: string; high: string }> = {
  nps: { scores: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], low: 'Not at all likely', high: 'Extremely likely' },
  csat: { scores: [1, 2, 3, 4, 5], low: 'Very unsatisfied', high: 'Very satisfied' },
};

/** The one question, about the product when the account has exactly one, else about us. */
export function surveyQuestion(kind: SurveyKind, products: string[]): string {
  const product = products.length === 1 ? products[0] : undefined;
  return kind === 'nps'
    ? `How likely are you to recommend ${product ?? 'us'} to a friend or colleague?`
    : `How satisfied are you with ${product ?? 'our service'}?`;
}

const scoreUrl = (base: string, n: number) => `${base}${base.includes('?') ? '&' : '?'}score=${n}`;

/**
 * A one-question survey. The scores are a row of plain links in a table (no forms, no scripts:
 * mail clients strip them), each opening the survey page with that score chosen; nothing is
 * recorded until the page is submitted, because link scanners open every link.
 */
export function renderSurveyEmail(input: SurveyEmailInput): RenderedEmail {
  const { account, contact, kind } = input;
  const first = firstName(contact);
  const owner = ownerSignature(account);
  const question = surveyQuestion(kind, account.products);
  const scale = SCALES[kind];
  const opener = input.reminder
    ? `In case my last note got buried: one quick question, and your answer goes straight to me.`
    : pick(
        [
          `Could you spare ten seconds for one question? Your answer goes straight to me and helps us look after ${account.name} better.`,
          `One quick question, if you have a moment. I read every answer myself.`,
        ],
        `${account.accountId}|${input.cycle}`,
      );
  // Fluid cells: the scale takes the column's width (up to 44px a score) and shares it out evenly,
  // so all eleven NPS scores fit a 320px phone without a fixed minimum pushing the row wider.
  const share = `${Math.floor(100 / scale.scores.length)}%`;
  const cells = scale.scores.map(
    (n) =>
      html`<td align="center" width="${share}" style="width:${share};padding:0 1px;"><a href="${scoreUrl(input.surveyUrl, n)}" aria-label="${n}" style="display:block;padding:10px 0;border:1px solid #8c959f;border-radius:6px;background:#f6f8fa;color:#0b3d91;font-weight:600;font-size:15px;line-height:20px;text-align:center;text-decoration:none;">${n}</a></td>`,
  );
  const body = html`${paragraph(first ? `Hi ${first},` : 'Hi there,')}${paragraph(opener)}
<p style="margin:0 0 12px 0;font-weight:600;">${question}</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:${scale.scores.length * 44}px;table-layout:fixed;margin:0 0 4px 0;"><tr>${cells}</tr>
<tr><td colspan="${Math.ceil(scale.scores.length / 2)}" style="font-size:12px;color:#57606a;padding-top:4px;">${scale.low}</td><td colspan="${Math.floor(scale.scores.length / 2)}" align="right" style="font-size:12px;color:#57606a;padding-top:4px;">${scale.high}</td></tr></table>
${paragraph(html`<span style="font-size:14px;color:#57606a;">Click a number to open a short page where you can add a comment if you like.</span>`)}
${paragraph(html`Thank you,<br>${owner}`)}`;
  const footer = unsubscribeFooter(
    account.name,
    "Don't want surveys from us?",
    input.unsubscribeUrl,
    'Stop surveys',
  );
  const text = wrapText(
    [
      first ? `Hi ${first},` : 'Hi there,',
      '',
      opener,
      '',
      question,
      `Answer here (${scale.scores[0]} = ${scale.low.toLowerCase()}, ${scale.scores.at(-1)} = ${scale.high.toLowerCase()}):`,
      input.surveyUrl,
      '',
      'Thank you,',
      owner,
      '',
      '--',
      footer.text,
    ].join('\n'),
  );
  return {
    // Never "Re:": a reminder is not a reply, and mailbox providers treat a fake one as deceptive.
    subject: question,
    html: emailShell({ preheader: question, body, footer: footer.html }),
    text,
  };
}
