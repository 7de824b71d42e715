import { accountTimeZone, type Contact } from '../account.ts';
import { oneClickUnsubscribeHeaders } from '../domain/vocabulary.ts';
import { renderSurveyEmail } from '../email/survey-email.ts';
import { SURVEY_SENT } from '../events/account-health.ts';
import { languageOf } from '../i18n/language.ts';
import { voiceFor } from '../i18n/voice.ts';
import type { SendKey } from '../ports.ts';
import { sendClaimed } from '../send/send-claimed.ts';
import { nextBusinessWindowStart } from './business-hours.ts';
import { alertOpenUntil, fatigueClearsAt, takesSurveys } from './plan-outreach.ts';
import type { ScanDeps, SurveyReminder } from './ports.ts';
import { type ScanReport, settleScanSend } from './scan-report.ts';
import { withoutOwnBudget } from './send-due.ts';

const DAY = 86_400_000;

/**
 * A survey's one reminder: only to someone who has not answered, is still reachable (and takes
 * surveys), on an account whose outreach is not paused, and whose link still works; inside their business hours and the same fatigue budget as every other email.
 */
export async function processReminder(deps: ScanDeps, r: SurveyReminder, now: Date, report: ScanReport) {
  const { settings } = deps;
  const [answered, addresses, account] = await Promise.all([
    deps.reminders.isAnswered(r.accountId, r.surveyId),
    deps.addresses.getMany([r.contactEmail]),
    deps.accounts.getAccount(r.accountId),
  ]);
  const key: SendKey = { accountId: r.accountId, kind: 'survey-reminder', cycle: r.surveyId };
  const address = withoutOwnBudget(
    addresses.get(r.contactEmail.toLowerCase()) ?? { email: r.contactEmail },
    key,
  );
  const linkExpired = Date.parse(r.surveySentAt) + settings.surveys.expiryDays * DAY <= now.getTime();
  // A paused account gets no reminder: the survey went out before the pause, and after it the
  // reminder would arrive out of place. A contact who opted out of surveys gets none either.
  if (answered || !account || account.pause || !takesSurveys(address) || linkExpired) {
    await deps.reminders.remove(r);
    report.remindersDropped++;
    return;
  }
  const alertUntil = alertOpenUntil(account, now);
  if (alertUntil) {
    await deps.reminders.reschedule(r, alertUntil);
    report.deferred.alertOpen++;
    return;
  }
  const clears = fatigueClearsAt(address, false, settings.fatigue);
  if (clears.getTime() > now.getTime()) {
    await deps.reminders.reschedule(r, clears);
    report.deferred.fatigue++;
    return;
  }
  const window = nextBusinessWindowStart(now, accountTimeZone(account, settings), settings.businessHours);
  if (window.getTime() > now.getTime()) {
    await deps.reminders.reschedule(r, window);
    report.deferred.businessHours++;
    return;
  }

  const contact: Contact = {
    accountId: r.accountId,
    email: r.contactEmail,
    name: r.contactName,
    primary: false,
  };
  const sent = await sendClaimed(deps, {
    email: 'survey-reminder',
    key,
    now,
    recipient: r.contactEmail,
    fatigue: { recipient: r.contactEmail },
    links: () => [
      deps.links.unsubscribeLink({
        accountId: r.accountId,
        contactEmail: r.contactEmail,
        now,
        language: languageOf(account, r.contactEmail, settings.defaultLanguage),
        scope: 'surveys',
      }),
    ],
    compose: async (_recipient, [unsubscribe]) => {
      const unsubscribeUrl = unsubscribe?.url ?? '';
      const language = languageOf(account, r.contactEmail, settings.defaultLanguage);
      const [surveyUrl, voice] = await Promise.all([
        deps.links.surveyUrl({ surveyId: r.surveyId, account, contact, kind: r.kind, now, language }),
        voiceFor(language, settings),
      ]);
      const rendered = renderSurveyEmail({
        voice,
        account,
        contact,
        kind: r.kind,
        cycle: r.surveyId,
        surveyUrl,
        unsubscribeUrl,
        reminder: true,
      });
      return {
        ...rendered,
        to: r.contactEmail,
        fromName: account.ownerName,
        replyTo: account.ownerEmail,
        headers: oneClickUnsubscribeHeaders(unsubscribeUrl),
        tags: { account: r.accountId, kind: 'survey-reminder', tier: account.tier },
      };
    },
    touch: {
      accountId: r.accountId,
      at: now.toISOString(),
      kind: 'survey-reminder',
      note: `Reminder sent to ${r.contactName ?? r.contactEmail}`,
      source: 'scan',
    },
  });
  const done = await settleScanSend(sent, report, {
    fatigued: async () => {
      await deps.reminders.reschedule(r, new Date(now.getTime() + 3_600_000));
      report.deferred.fatigue++;
    },
    alreadySent: () => deps.reminders.remove(r),
  });
  if (done === undefined) return;
  const { messageId } = done;

  await deps.reminders.markSent(r, now);
  await deps.reminders.remove(r);
  report.sent.reminder++;
  try {
    await deps.events.publish([
      {
        detailType: SURVEY_SENT,
        detail: {
          accountId: r.accountId,
          surveyId: r.surveyId,
          kind: 'survey-reminder',
          survey: r.kind,
          messageId,
        },
      },
    ]);
  } catch (error) {
    deps.onError?.('publish-event', r.accountId, error);
  }
}
