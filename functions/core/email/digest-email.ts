import type { Settings } from '../../config/settings.ts';
import type { Digest, DigestActionKind, DigestItem, DigestSection } from '../digest/build-digest.ts';
import { longDate, weekdayName } from '../digest/calendar.ts';
import { html, type RawHtml } from '../html.ts';
import { formatNps } from '../survey/nps.ts';
import { ownerPersonName, plural } from '../wording.ts';
import { emailShell, FONT, type RenderedEmail, wrapText } from './layout.ts';

const TONE: Record<DigestItem['tone'], string> = {
  red: '#cf222e',
  amber: '#bf8700',
  neutral: '#8c959f',
  green: '#1a7f37',
};
const ACTION_LABEL: Record<DigestActionKind, string> = {
  acknowledge: "I'm on it",
  'mark-contacted': 'Mark contacted',
  snooze: 'Snooze 7 days',
};

function periodLabel(digest: Digest): string {
  const id = digest.period.id;
  if (/W\d+$/.test(id)) return `week ${Number(id.slice(-2))}`;
  if (id.length === 7) return longDate(`${id}-01`).split(' ').slice(2).join(' ');
  return longDate(id);
}

export function scheduleLabel(settings: Settings, timeZone: string): string {
  const { cadence, weekday, localTime } = settings.digest;
  const when =
    cadence === 'daily'
      ? 'every business day'
      : cadence === 'monthly'
        ? 'on the 1st of each month'
        : `every ${weekdayName(weekday)}`;
  return `${when} at ${localTime} (${timeZone})`;
}

function summaryLine(digest: Digest): string {
  const n = (id: DigestSection['id']) => {
    const s = digest.sections.find((x) => x.id === id);
    return (s?.items.length ?? 0) + (s?.more ?? 0);
  };
  const parts = [
    n('at-risk') && `${n('at-risk')} at risk`,
    n('overdue') && `${n('overdue')} overdue`,
    n('paused') && `${n('paused')} paused`,
    n('responses') && plural(n('responses'), 'new answer'),
    n('renewals') && plural(n('renewals'), 'renewal'),
    n('reviews') && `${plural(n('reviews'), 'review')} due`,
    n('anniversaries') + n('birthdays') && `${n('anniversaries') + n('birthdays')} to celebrate`,
  ].filter((x): x is string => !!x);
  return parts.length ? parts.join(' · ') : 'Nothing needs you this period';
}

const button = (label: string, url: string, primary: boolean) =>
  html`<a href="${url}" style="display:inline-block;margin:8px 8px 0 0;padding:6px 12px;border:1px solid ${primary ? '#1f6feb' : '#d0d7de'};border-radius:6px;background:${primary ? '#1f6feb' : '#f6f8fa'};color:${primary ? '#ffffff' : '#1f2328'};font-family:${FONT};font-size:14px;line-height:20px;font-weight:600;text-decoration:none;">${label}</a>`;

function itemRow(item: DigestItem): RawHtml {
  const tier = html`<span style="display:inline-block;margin-left:6px;padding:0 6px;border:1px solid #d0d7de;border-radius:10px;font-size:12px;line-height:18px;color:#57606a;font-weight:400;vertical-align:1px;">${item.tier}</span>`;
  return html`<tr><td style="padding:12px 0 12px 12px;border-bottom:1px solid #eaeef2;border-left:3px solid ${TONE[item.tone]};font-family:${FONT};">
<div style="font-size:16px;line-height:22px;font-weight:600;color:#1f2328;">${item.accountName}${tier}</div>
<div style="font-size:15px;line-height:21px;color:#1f2328;">${item.headline}</div>
${item.details.map((d) => html`<div style="font-size:14px;line-height:20px;color:#57606a;">${d}</div>`)}
${item.quote && html`<div style="margin:6px 0 0 0;padding:6px 10px;background:#f6f8fa;border-radius:6px;font-size:14px;line-height:20px;color:#1f2328;font-style:italic;">“${item.quote}”</div>`}
<div>${item.actions.filter((a) => a.url).map((a, i) => button(ACTION_LABEL[a.kind], a.url as string, i === 0 && item.tone === 'red'))}</div>
</td></tr>`;
}

function sectionBlock(s: DigestSection, moreHint: string): RawHtml {
  return html`<tr><td style="padding:24px 0 4px 0;font-family:${FONT};font-size:13px;line-height:18px;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:#57606a;">${s.title} (${s.items.length + s.more})</td></tr>
${s.items.map(itemRow)}
${s.more > 0 && html`<tr><td style="padding:8px 0 0 0;font-family:${FONT};font-size:14px;color:#57606a;">And ${s.more} more: <span style="font-family:ui-monospace,Menlo,monospace;">${moreHint}</span></td></tr>`}`;
}

function npsBlock(digest: Digest): RawHtml {
  const { current, trend } = digest.nps;
  const cells = trend.map(
    (p, i) =>
      html`<td align="center" style="padding:4px 2px;font-family:${FONT};font-size:13px;line-height:18px;color:${i === trend.length - 1 ? '#1f2328' : '#57606a'};"><div style="font-weight:${i === trend.length - 1 ? 700 : 400};font-size:15px;">${formatNps(p.score)}</div><div>${p.periodId.replace(/^\d{4}-/, '')}</div></td>`,
  );
  return html`<tr><td style="padding:24px 0 0 0;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border:1px solid #d0d7de;border-radius:8px;">
<tr><td style="padding:12px 16px;font-family:${FONT};">
<div style="font-size:13px;line-height:18px;font-weight:700;letter-spacing:.04em;text-transform:uppercase;color:#57606a;">NPS of your book, last 90 days</div>
<div style="font-size:32px;line-height:40px;font-weight:700;color:#1f2328;">${formatNps(current.score)}</div>
<div style="font-size:14px;line-height:20px;color:#57606a;">${plural(current.responses, 'answer')}: ${plural(current.promoters, 'promoter')}, ${plural(current.passives, 'passive')}, ${plural(current.detractors, 'detractor')}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin-top:8px;border-top:1px solid #eaeef2;"><tr>${cells}</tr></table>
</td></tr></table>
</td></tr>`;
}

export interface DigestEmailInput {
  digest: Digest;
  settings: Settings;
  /** When the action links stop working. */
  linksExpireOn: string;
  /** A banner for previews (links that do nothing). */
  previewNote?: string | undefined;
}

/**
 * The owner digest: table layout, inline styles, one column at most 560px wide (emailShell), each
 * item with its one-click actions; sections in order of urgency, empty ones left out.
 */
export function renderDigestEmail(input: DigestEmailInput): RenderedEmail {
  const { digest, settings } = input;
  const first = ownerPersonName({ ownerName: digest.owner.name, ownerEmail: digest.owner.email })?.split(
    /\s+/,
  )[0];
  const label = periodLabel(digest);
  const summary = summaryLine(digest);
  const subject = `Your accounts, ${label}: ${summary}`;
  const moreHint = `npx account-health accounts --owner ${digest.owner.email}`;
  const shown = digest.sections.filter((s) => s.items.length > 0);
  const intro = digest.empty
    ? 'Nothing needs you this period: no account at risk or overdue, no new answers, nothing coming up.'
    : 'Here is what needs you, most urgent first. The buttons work in one click; each asks you to confirm.';

  const body = html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
${input.previewNote && html`<tr><td style="padding:8px 12px;background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;font-family:${FONT};font-size:13px;color:#1f2328;">${input.previewNote}</td></tr>`}
<tr><td style="padding:8px 0 0 0;font-family:${FONT};font-size:13px;line-height:18px;color:#57606a;">account-health · ${label}</td></tr>
<tr><td style="padding:4px 0 0 0;font-family:${FONT};font-size:24px;line-height:30px;font-weight:700;color:#1f2328;">${first ? `${first}, your accounts this ${settings.digest.cadence === 'daily' ? 'day' : settings.digest.cadence === 'monthly' ? 'month' : 'week'}` : 'Your accounts'}</td></tr>
<tr><td style="padding:8px 0 0 0;font-family:${FONT};font-size:15px;line-height:22px;color:#1f2328;font-weight:600;">${summary}</td></tr>
<tr><td style="padding:4px 0 0 0;font-family:${FONT};font-size:15px;line-height:22px;color:#57606a;">${intro}</td></tr>
${shown.slice(0, 3).map((s) => sectionBlock(s, moreHint))}
${npsBlock(digest)}
${shown.slice(3).map((s) => sectionBlock(s, moreHint))}
</table>`;
  const footer = html`You get this digest ${scheduleLabel(settings, digest.timeZone)} because you own accounts in account-health; change it under <span style="font-family:ui-monospace,Menlo,monospace;">digest</span> in the configuration. Action links work until ${longDate(input.linksExpireOn)}.`;

  const text: string[] = [
    first ? `${first}, your accounts (${label})` : `Your accounts (${label})`,
    '',
    summary,
    intro,
  ];
  const textSection = (s: DigestSection) => {
    text.push('', `== ${s.title} (${s.items.length + s.more}) ==`);
    for (const item of s.items) {
      text.push('', `* ${item.accountName} (${item.tier}): ${item.headline}`);
      for (const d of item.details) text.push(`  ${d}`);
      if (item.quote) text.push(`  "${item.quote}"`);
      for (const a of item.actions) if (a.url) text.push(`  ${ACTION_LABEL[a.kind]}: ${a.url}`);
    }
    if (s.more) text.push('', `And ${s.more} more: ${moreHint}`);
  };
  shown.slice(0, 3).forEach(textSection);
  text.push(
    '',
    `== NPS of your book, last 90 days: ${formatNps(digest.nps.current.score)} (${plural(digest.nps.current.responses, 'answer')}) ==`,
    `  Trend: ${digest.nps.trend.map((p) => `${p.periodId} ${formatNps(p.score)}`).join(' > ')}`,
  );
  shown.slice(3).forEach(textSection);
  text.push(
    '',
    '--',
    `You get this digest ${scheduleLabel(settings, digest.timeZone)}. Action links work until ${longDate(input.linksExpireOn)}.`,
  );

  return {
    subject,
    html: emailShell({ preheader: summary, body, footer }),
    text: wrapText(text.join('\n')),
  };
}
