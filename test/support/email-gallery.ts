import { parseSettings } from '../../functions/config/settings.ts';
import type { Account, Contact } from '../../functions/core/account.ts';
import { buildDigest } from '../../functions/core/digest/build-digest.ts';
import { digestPeriodAt } from '../../functions/core/digest/schedule.ts';
import { renderCheckIn } from '../../functions/core/email/check-in-email.ts';
import { renderCohortAlert } from '../../functions/core/email/cohort-alert-email.ts';
import { renderDigestEmail } from '../../functions/core/email/digest-email.ts';
import { renderEscalation } from '../../functions/core/email/escalation-email.ts';
import {
  renderAnniversaryGreeting,
  renderBirthdayGreeting,
} from '../../functions/core/email/greeting-email.ts';
import type { RenderedEmail } from '../../functions/core/email/layout.ts';
import { renderOwnerNote } from '../../functions/core/email/owner-email.ts';
import { renderQbrReminder } from '../../functions/core/email/qbr-reminder-email.ts';
import { renderRiskAlert } from '../../functions/core/email/risk-alert-email.ts';
import { renderSurveyEmail } from '../../functions/core/email/survey-email.ts';
import { describeHealth } from '../../functions/core/health/health-score.ts';
import type { NegativeSignal } from '../../functions/core/health/ports.ts';
import type { SurveyResponse } from '../../functions/core/survey/survey.ts';
import { anAccount } from './fakes.ts';
import { VOICES } from './voices.ts';

/**
 * Every kind of email the product sends, rendered from data chosen to catch the small untruths:
 * a company name ending in its own full stop, an owner known only by address, single counts
 * ("1 answer", "1 day"), long words. The phone-width test and the wording tests both read it.
 */

export const GALLERY_NOW = new Date('2026-11-18T10:00:00Z');
const settings = parseSettings({});
const LINK = 'https://links.example/a/AbCdEfGhIjKlMnOpQrStUvWx';

/** Juniper Manufacturing Corp., owned by someone with no name on record. */
export const juniper: Account = anAccount('juniper', {
  name: 'Juniper Manufacturing Corp.',
  ownerEmail: 'jane.doe@vendor.example',
  ownerName: undefined,
  products: ['Ledger'],
  lastContactAt: '2026-09-20T10:00:00.000Z',
  lastContactKind: 'survey-answer',
  customerSince: '2023-08-20',
  renewalDate: '2026-12-01',
  risk: {
    since: '2026-11-17T09:00:00.000Z',
    reasons: ['NPS 3/10 (a detractor) on 17 Nov'],
  },
  health: {
    score: 25,
    band: 'red',
    reasons: [
      'detractor 3/10 on 17 Nov (\u221265 points)',
      'no contact for 59 days, cadence 30 days (\u221210 points)',
    ],
    computedAt: GALLERY_NOW.toISOString(),
  },
});

const named: Account = anAccount('acme', {
  name: 'Acme Holdings International Incorporated',
  ownerEmail: 'olivia@vendor.example',
  ownerName: 'Olivia Owner',
  products: ['Ledger', 'Payroll'],
  lastContactAt: '2026-10-01T10:00:00.000Z',
  customerSince: '2020-08-18',
});

export const ana: Contact = {
  accountId: 'juniper',
  email: 'ana.schroeder@juniper.example',
  name: 'Ana Schröder',
  role: 'Head of Finance',
  primary: true,
  birthday: '11-18',
};

export const detractor: NegativeSignal = {
  signalId: 's1',
  accountId: 'juniper',
  kind: 'detractor',
  at: '2026-11-17T09:00:00.000Z',
  score: 3,
  surveyKind: 'nps',
  comment: 'The last two invoices were wrong, and nobody called back.\nPlease sort it out.',
  source: 'survey',
  recordedAt: '2026-11-17T09:00:00.000Z',
};

const oneAnswer: SurveyResponse = {
  surveyId: 'v1',
  accountId: 'juniper',
  contactEmail: ana.email,
  contactName: ana.name,
  ownerEmail: juniper.ownerEmail,
  kind: 'nps',
  score: 3,
  comment: 'Invoices were wrong.',
  sentAt: '2026-11-10T09:00:00.000Z',
  answeredAt: '2026-11-17T09:00:00.000Z',
};

/** The digest of jane.doe: one account at risk, one answer, a renewal in 13 days, a review, a pause. */
function digest(): RenderedEmail {
  const timeZone = 'UTC';
  const { period } = digestPeriodAt(GALLERY_NOW, timeZone, settings);
  const d = buildDigest({
    owner: { email: juniper.ownerEmail },
    accounts: [
      juniper,
      { ...named, ownerEmail: juniper.ownerEmail, renewalDate: '2026-11-19' },
      {
        ...named,
        accountId: 'paused-co',
        name: 'Nordwind Logistikdienstleistungen GmbH & Co. KG',
        ownerEmail: juniper.ownerEmail,
        pause: {
          since: '2026-11-02T09:00:00.000Z',
          reason:
            'Renewal negotiation: procurement asked us to hold all automated mail until the contract is signed',
          source: 'crm',
        },
      },
    ],
    contacts: new Map([['juniper', [ana]]]),
    responses: [oneAnswer],
    since: new Date('2026-11-11T00:00:00Z'),
    period,
    timeZone,
    now: GALLERY_NOW,
    settings,
  });
  for (const s of d.sections) for (const i of s.items) for (const a of i.actions) a.url = `${LINK}${a.kind}`;
  return renderDigestEmail({ digest: d, settings, linksExpireOn: '2026-12-01' });
}

/** Every email kind, by name. */
export function emailGallery(): Array<{ name: string; email: RenderedEmail }> {
  const unsubscribeUrl = `${LINK}u`;
  const surveyUrl = 'https://links.example/s/SuRvEyToKeNAbCdEfGhIj';
  return [
    {
      name: 'check-in',
      email: renderCheckIn({ account: juniper, contact: ana, now: GALLERY_NOW, cycle: 'c1', unsubscribeUrl }),
    },
    {
      name: 'nps-survey',
      email: renderSurveyEmail({
        account: juniper,
        contact: ana,
        kind: 'nps',
        surveyUrl,
        unsubscribeUrl,
        cycle: 'c1',
      }),
    },
    {
      name: 'csat-survey',
      email: renderSurveyEmail({
        account: named,
        contact: ana,
        kind: 'csat',
        surveyUrl,
        unsubscribeUrl,
        cycle: 'c1',
      }),
    },
    {
      name: 'survey-reminder',
      email: renderSurveyEmail({
        account: juniper,
        contact: ana,
        kind: 'nps',
        surveyUrl,
        unsubscribeUrl,
        cycle: 'c1',
        reminder: true,
      }),
    },
    {
      name: 'birthday-greeting',
      email: renderBirthdayGreeting({ account: juniper, contact: ana, on: '2026-11-18', unsubscribeUrl }),
    },
    {
      name: 'anniversary-greeting',
      email: renderAnniversaryGreeting({
        account: juniper,
        contact: ana,
        on: '2026-11-18',
        customerSince: '2025-11-18',
        unsubscribeUrl,
      }),
    },
    {
      name: 'owner-nudge',
      email: renderOwnerNote({
        account: juniper,
        kind: 'owner-nudge',
        reason: 'due for contact',
        accountHint: 'npx account-health account juniper',
      }),
    },
    {
      name: 'owner-alert',
      email: renderOwnerNote({
        account: juniper,
        kind: 'owner-alert',
        reason: 'every contact has unsubscribed',
        accountHint: 'npx account-health account juniper',
      }),
    },
    {
      name: 'risk-alert',
      email: renderRiskAlert({
        account: juniper,
        signal: detractor,
        health: describeHealth(juniper.health as NonNullable<Account['health']>),
        acknowledgeUrl: `${LINK}ack`,
        markContactedUrl: `${LINK}mc`,
        snoozeUrl: `${LINK}sn`,
        contact: { email: ana.email, name: ana.name, role: ana.role },
      }),
    },
    {
      name: 'cohort-alert',
      email: renderCohortAlert({
        evidence: '3 negative signals on product Ledger in 14 days',
        signals: ['detractor on 17 Nov (account juniper)', 'complaint on 16 Nov (account acme)'],
        accounts: [{ account: juniper, acknowledgeUrl: `${LINK}ack` }],
      }),
    },
    {
      name: 'escalation',
      email: renderEscalation({
        account: juniper,
        signal: detractor,
        alertedAt: '2026-11-17T09:00:00.000Z',
        acknowledgeUrl: `${LINK}ack`,
        hoursWaited: 1,
      }),
    },
    { name: 'digest', email: digest() },
    {
      name: 'qbr-reminder',
      email: renderQbrReminder({
        account: juniper,
        on: '2026-11-20',
        customerSince: '2023-08-20',
        reviewHeldUrl: `${LINK}rh`,
      }),
    },
    // Every shipped language: the survey with its long scale labels; Japanese and German also
    // with the check-in, the reminder and a greeting.
    ...Object.entries(VOICES).flatMap(([lang, voice]) => {
      const contact = lang === 'ja' ? { ...ana, name: '佐藤 花子' } : ana;
      const one = { ...juniper, products: ['Ledger'] };
      return [
        {
          name: `nps-survey-${lang}`,
          email: renderSurveyEmail({
            account: one,
            contact,
            kind: 'nps',
            surveyUrl,
            unsubscribeUrl,
            cycle: 'c1',
            voice,
          }),
        },
        ...(lang === 'ja' || lang === 'de'
          ? [
              {
                name: `check-in-${lang}`,
                email: renderCheckIn({
                  account: juniper,
                  contact,
                  now: GALLERY_NOW,
                  cycle: 'c1',
                  unsubscribeUrl,
                  voice,
                }),
              },
              {
                name: `csat-survey-${lang}`,
                email: renderSurveyEmail({
                  account: named,
                  contact,
                  kind: 'csat',
                  surveyUrl,
                  unsubscribeUrl,
                  cycle: 'c1',
                  reminder: true,
                  voice,
                }),
              },
              {
                name: `birthday-greeting-${lang}`,
                email: renderBirthdayGreeting({
                  account: juniper,
                  contact,
                  on: '2026-11-18',
                  unsubscribeUrl,
                  voice,
                }),
              },
            ]
          : []),
      ];
    }),
  ];
}
