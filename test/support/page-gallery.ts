import { InvalidLinkError } from '../../functions/core/errors.ts';
import {
  type ActionLink,
  renderActionConfirmPage,
  renderActionDonePage,
} from '../../functions/core/health/owner-actions.ts';
import type { OwnerAction } from '../../functions/core/health/ports.ts';
import {
  renderSurveyOptedOutPage,
  renderSurveyOptOutConfirmPage,
} from '../../functions/core/survey/survey-opt-out-page.ts';
import {
  renderErrorPage,
  renderSurveyPage,
  renderThankYouPage,
  renderUnsubscribeConfirmPage,
  renderUnsubscribedPage,
} from '../../functions/core/survey/survey-page.ts';
import { maskEmail } from '../../functions/core/survey/unsubscribe.ts';
import { VOICES } from './voices.ts';

/**
 * Every page behind a link (survey, thank-you, unsubscribe, owner actions, errors), rendered with
 * long names and long addresses, for the phone-width test. Names in English and German, where
 * single words run long.
 */

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx';
const LONG_ACCOUNT = 'Internationale Präzisionsmaschinenbaugesellschaft Juniper Manufacturing Corp.';
const LONG_ADDRESS = maskEmail(
  'ana.schroeder-de-oliveira@procurement.internationale-handelsgesellschaft.example',
);

const actionLink = (action: OwnerAction, over: Partial<ActionLink> = {}): ActionLink => ({
  action,
  accountId: 'juniper',
  ownerEmail: 'jane.doe@vendor.example',
  validUntil: '2027-01-01T00:00:00.000Z',
  ...over,
});

/** The owner actions a link can carry (every one: the record type says so); each gets a confirm and a done page. */
export const OWNER_ACTIONS = Object.keys({
  acknowledge: true,
  'mark-contacted': true,
  snooze: true,
  'review-held': true,
} satisfies Record<OwnerAction, true>) as OwnerAction[];

export function pageGallery(): Array<{ name: string; html: string }> {
  const survey = {
    token: TOKEN,
    ownerName: 'Olivia Owner-Fitzgerald',
    contactName: 'Ana Schröder',
  };
  return [
    { name: 'survey-nps', html: renderSurveyPage({ ...survey, kind: 'nps', selected: 9 }) },
    { name: 'survey-csat', html: renderSurveyPage({ ...survey, kind: 'csat' }) },
    {
      name: 'survey-nps-error',
      html: renderSurveyPage({
        ...survey,
        kind: 'nps',
        comment: 'Invoices were wrong twice.',
        error: 'Please choose a score from 0 to 10 before sending.',
      }),
    },
    {
      name: 'thank-you',
      html: renderThankYouPage({
        kind: 'nps',
        score: 10,
        ownerName: survey.ownerName,
        hadComment: true,
        revised: false,
      }),
    },
    {
      name: 'thank-you-final',
      html: renderThankYouPage({ kind: 'csat', score: 2, hadComment: false, revised: true, final: true }),
    },
    { name: 'unsubscribe-confirm', html: renderUnsubscribeConfirmPage({ maskedEmail: LONG_ADDRESS }) },
    { name: 'unsubscribed', html: renderUnsubscribedPage({ maskedEmail: LONG_ADDRESS }) },
    { name: 'survey-opt-out-confirm', html: renderSurveyOptOutConfirmPage({ maskedEmail: LONG_ADDRESS }) },
    { name: 'survey-opted-out', html: renderSurveyOptedOutPage({ maskedEmail: LONG_ADDRESS }) },
    ...OWNER_ACTIONS.flatMap((action) => [
      {
        name: `action-${action}-confirm`,
        html: renderActionConfirmPage({ link: actionLink(action), accountName: LONG_ACCOUNT }),
      },
      {
        name: `action-${action}-done`,
        html: renderActionDonePage({ link: actionLink(action), accountName: LONG_ACCOUNT, outcome: 'done' }),
      },
    ]),
    {
      name: 'action-already-done',
      html: renderActionDonePage({
        link: actionLink('mark-contacted'),
        accountName: LONG_ACCOUNT,
        outcome: 'already-done',
      }),
    },
    {
      name: 'action-not-at-risk',
      html: renderActionDonePage({
        link: actionLink('acknowledge'),
        accountName: LONG_ACCOUNT,
        outcome: 'not-at-risk',
      }),
    },
    ...(['expired', 'superseded', 'tampered', 'unknown'] as const).map((reason) => ({
      name: `error-link-${reason}`,
      html: renderErrorPage(410, new InvalidLinkError('test', reason)),
    })),
    ...[400, 403, 404, 405, 413, 500].map((status) => ({
      name: `error-${status}`,
      html: renderErrorPage(status, new Error('test')),
    })),
    // Every shipped language: the survey (Japanese and German also with the CSAT scale and the
    // other pages), where words run longer or wrap differently.
    ...Object.entries(VOICES).flatMap(([lang, voice]) => [
      {
        name: `survey-nps-${lang}`,
        html: renderSurveyPage({
          ...survey,
          contactName: lang === 'ja' ? '佐藤 花子' : 'Ana Schröder',
          kind: 'nps',
          selected: 9,
          product: 'Ledger',
          voice,
        }),
      },
      ...(lang === 'ja' || lang === 'de'
        ? [
            { name: `survey-csat-${lang}`, html: renderSurveyPage({ ...survey, kind: 'csat', voice }) },
            {
              name: `thank-you-${lang}`,
              html: renderThankYouPage({
                kind: 'nps',
                score: 10,
                ownerName: survey.ownerName,
                hadComment: true,
                revised: false,
                voice,
              }),
            },
            {
              name: `unsubscribe-confirm-${lang}`,
              html: renderUnsubscribeConfirmPage({ maskedEmail: LONG_ADDRESS, voice }),
            },
            {
              name: `error-link-expired-${lang}`,
              html: renderErrorPage(410, new InvalidLinkError('test', 'expired'), voice),
            },
          ]
        : []),
    ]),
  ];
}
