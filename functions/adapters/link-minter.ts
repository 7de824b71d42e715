import type { Settings } from '../config/settings.ts';
import { surveyProduct } from '../core/i18n/voice.ts';
import type { LinkMinter } from '../core/outreach/ports.ts';
import type { SurveyStore } from './dynamodb/survey-store.ts';

const DAY = 86_400_000;
/** Unsubscribe links must keep working long after the email (RFC 8058 asks for a reasonable time). */
const UNSUBSCRIBE_LINK_DAYS = 400;

/** Mints survey and unsubscribe links backed by hashed tokens in the store. */
export class StoreLinkMinter implements LinkMinter {
  constructor(
    private readonly surveys: Pick<SurveyStore, 'issueSurvey' | 'issueUnsubscribeToken'>,
    private readonly baseUrl: string,
    private readonly settings: Settings,
  ) {}

  async unsubscribeUrl(input: Parameters<LinkMinter['unsubscribeUrl']>[0]): Promise<string> {
    const { token } = await this.surveys.issueUnsubscribeToken({
      accountId: input.accountId,
      contactEmail: input.contactEmail,
      expiresAt: new Date(input.now.getTime() + UNSUBSCRIBE_LINK_DAYS * DAY),
      language: input.language,
    });
    return `${this.baseUrl}/u/${token}`;
  }

  async surveyUrl(input: Parameters<LinkMinter['surveyUrl']>[0]): Promise<string> {
    const { token } = await this.surveys.issueSurvey({
      surveyId: input.surveyId,
      accountId: input.account.accountId,
      contactEmail: input.contact.email,
      contactName: input.contact.name,
      kind: input.kind,
      sentAt: input.now,
      expiresAt: new Date(input.now.getTime() + this.settings.surveys.expiryDays * DAY),
      ownerEmail: input.account.ownerEmail,
      ownerName: input.account.ownerName,
      language: input.language,
      tier: input.account.tier,
      product: surveyProduct(input.account.products),
    });
    return `${this.baseUrl}/s/${token}`;
  }
}
