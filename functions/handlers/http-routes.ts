import { NotFoundError } from '../core/errors.ts';
import type { Publisher } from '../core/events/ports.ts';
import {
  type OwnerActionDeps,
  openOwnerAction,
  performOwnerAction,
  renderActionConfirmPage,
  renderActionDonePage,
} from '../core/health/owner-actions.ts';
import type { MessageKey } from '../core/i18n/catalogue.ts';
import { canonicalLanguage } from '../core/i18n/language.ts';
import { type VoiceSettings, voiceFor } from '../core/i18n/voice.ts';
import { parseScore } from '../core/survey/answer.ts';
import {
  type AnswerSurveyDeps,
  InvalidAnswerError,
  openSurvey,
  recordAnswer,
} from '../core/survey/answer-survey.ts';
import {
  renderSurveyOptedOutPage,
  renderSurveyOptOutConfirmPage,
} from '../core/survey/survey-opt-out-page.ts';
import {
  pageHeaders,
  renderErrorPage,
  renderSurveyPage,
  renderThankYouPage,
  renderUnsubscribeConfirmPage,
  renderUnsubscribedPage,
} from '../core/survey/survey-page.ts';
import { maskEmail, openUnsubscribe, type UnsubscribeDeps, unsubscribe } from '../core/survey/unsubscribe.ts';
import { METRIC } from '../shared/metric-names.ts';
import { logger, publishCounts } from '../shared/observability.ts';
import { assertSameOrigin, bodyBytes, queryParam, readForm } from './http-request.ts';
import { createRouter, type HttpResult } from './http-router.ts';

/** What the public HTTP function works with; tests pass their own. */
export interface HttpDeps {
  surveys: AnswerSurveyDeps['surveys'];
  /** The owner-action routes need the rest of the account store. */
  accounts: AnswerSurveyDeps['accounts'] & Partial<OwnerActionDeps['accounts']>;
  addresses: UnsubscribeDeps['addresses'];
  events: Publisher;
  clock: () => Date;
  /** settings.surveys.maxRevisions. */
  maxRevisions?: number | undefined;
  /** Where the links point (AH_PUBLIC_BASE_URL); its origin may POST. */
  publicBaseUrl?: string | undefined;
  /** Owner action links (`/a/<token>`); without them those routes answer 404. */
  actionLinks?: OwnerActionDeps['actionLinks'] | undefined;
  /** The company, the default language and the survey wording. @default English, no company */
  voice?: VoiceSettings | undefined;
}

/** The first language of an Accept-Language header ("de-DE,de;q=0.9,en;q=0.8" → "de-DE"). */
function preferredLanguage(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  return first && first !== '*' ? canonicalLanguage(first) : undefined;
}

/** The public routes: survey pages, unsubscribe links, health. GETs never write. */
export function createRouteHttp(deps: HttpDeps) {
  const links = { links: deps.surveys, clock: deps.clock };
  const headers = pageHeaders(deps.voice?.company);
  const page = (statusCode: number, body: string): HttpResult => ({
    statusCode,
    headers: { ...headers },
    body,
  });
  /** The language of the link's contact, else the configured default. */
  const voiceOf = (link?: { language?: string | undefined }) =>
    voiceFor(link?.language ?? deps.voice?.defaultLanguage, deps.voice);
  const actionDeps = (): OwnerActionDeps => {
    if (!deps.actionLinks) throw new NotFoundError('There is nothing at this address.');
    return {
      actionLinks: deps.actionLinks,
      accounts: deps.accounts as OwnerActionDeps['accounts'],
      events: deps.events,
      clock: deps.clock,
    };
  };
  return createRouter(
    [
      {
        method: 'GET',
        path: '/health',
        run: async () => ({
          statusCode: 200,
          headers: {
            'content-type': 'application/json',
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          },
          body: JSON.stringify({ status: 'ok' }),
        }),
      },
      {
        method: 'GET',
        path: '/s/{token}',
        run: async (event, { token = '' }) => {
          const link = await openSurvey(token, deps);
          const selected = parseScore(link.kind, queryParam(event, 'score'));
          return page(200, renderSurveyPage({ ...link, token, selected, voice: await voiceOf(link) }));
        },
      },
      {
        method: 'POST',
        path: '/s/{token}',
        run: async (event, { token = '' }) => {
          assertSameOrigin(event, deps.publicBaseUrl);
          const form = readForm(event);
          try {
            const { link, response, revised, final } = await recordAnswer(
              { token, score: form.score, comment: form.comment },
              deps,
            );
            logger.info('survey answered', {
              accountId: link.accountId,
              surveyId: link.surveyId,
              revised,
              final,
            });
            if (!final) publishCounts({ [METRIC.surveyAnswers]: 1 });
            return page(
              200,
              renderThankYouPage({
                voice: await voiceOf(link),
                kind: response.kind,
                score: response.score,
                ownerName: link.ownerName,
                hadComment: response.comment !== undefined,
                revised,
                final,
              }),
            );
          } catch (e) {
            if (!(e instanceof InvalidAnswerError)) throw e;
            const { link } = e;
            const selected = parseScore(link.kind, form.score);
            const voice = await voiceOf(link);
            const error = e.wording ? voice.t.html(e.wording.key as MessageKey, e.wording.values) : e.message;
            return page(
              400,
              renderSurveyPage({ ...link, token, selected, comment: form.comment, error, voice }),
            );
          }
        },
      },
      {
        method: 'GET',
        path: '/u/{token}',
        run: async (_event, { token = '' }) => {
          const link = await openUnsubscribe(token, links);
          const masked = { maskedEmail: maskEmail(link.contactEmail), voice: await voiceOf(link) };
          return page(
            200,
            link.optOut === 'surveys'
              ? renderSurveyOptOutConfirmPage(masked)
              : renderUnsubscribeConfirmPage(masked),
          );
        },
      },
      {
        method: 'POST',
        path: '/u/{token}',
        run: async (event, { token = '' }) => {
          assertSameOrigin(event, deps.publicBaseUrl);
          // Any body is fine (RFC 8058 sends `List-Unsubscribe=One-Click`, as a form or multipart): only its size matters.
          bodyBytes(event);
          const link = await unsubscribe(token, { ...links, addresses: deps.addresses });
          logger.info('unsubscribed', { accountId: link.accountId, via: link.purpose, optOut: link.optOut });
          publishCounts({ [METRIC.unsubscribes]: 1 });
          const masked = { maskedEmail: maskEmail(link.contactEmail), voice: await voiceOf(link) };
          return page(
            200,
            link.optOut === 'surveys' ? renderSurveyOptedOutPage(masked) : renderUnsubscribedPage(masked),
          );
        },
      },
      {
        method: 'GET',
        path: '/a/{token}',
        run: async (_event, { token = '' }) => {
          const v = await openOwnerAction(token, actionDeps());
          return page(200, renderActionConfirmPage(v));
        },
      },
      {
        method: 'POST',
        path: '/a/{token}',
        run: async (event, { token = '' }) => {
          assertSameOrigin(event, deps.publicBaseUrl);
          bodyBytes(event);
          const done = await performOwnerAction(token, actionDeps());
          logger.info('owner action', {
            accountId: done.link.accountId,
            action: done.link.action,
            outcome: done.outcome,
          });
          publishCounts({ [METRIC.ownerActions]: 1 });
          return page(200, renderActionDonePage(done));
        },
      },
    ],
    // No link to tell the contact's language: the browser's first choice, else the default.
    async (status, error, event) =>
      page(
        status,
        renderErrorPage(
          status,
          error,
          await voiceOf({ language: preferredLanguage(event?.headers?.['accept-language']) }),
        ),
      ),
  );
}
