import { randomBytes } from 'node:crypto';
import type { Settings } from '../config/settings.ts';
import type { ActionLinkIssuer } from '../core/health/ports.ts';
import { surveyProduct } from '../core/i18n/voice.ts';
import type { LinkMinter } from '../core/outreach/ports.ts';
import type { MintedLink } from '../core/ports.ts';
import { hashToken, mintToken } from '../core/survey/tokens.ts';
import type { SurveyStore } from './dynamodb/survey-store.ts';

const DAY = 86_400_000;
/** Unsubscribe links must keep working long after the email (RFC 8058 asks for a reasonable time). */
const UNSUBSCRIBE_LINK_DAYS = 400;

/** Mints survey, unsubscribe and review-held links backed by hashed tokens in the store. */
export class StoreLinkMinter implements LinkMinter {
  constructor(
    private readonly surveys: Pick<SurveyStore, 'issueSurvey'>,
    private readonly baseUrl: string,
    private readonly settings: Settings,
    private readonly actions: ActionLinkIssuer,
  ) {}

  /** Valid as long as the owner's other action links (settings.risk.actionLinkDays). */
  reviewHeldUrl(input: Parameters<LinkMinter['reviewHeldUrl']>[0]): Promise<string> {
    return this.actions.issue({
      action: 'review-held',
      accountId: input.account.accountId,
      ownerEmail: input.account.ownerEmail,
      expiresAt: new Date(input.now.getTime() + this.settings.risk.actionLinkDays * DAY),
      origin: 'review-reminder',
    });
  }

  unsubscribeLink(input: Parameters<LinkMinter['unsubscribeLink']>[0]): MintedLink {
    const token = mintToken(randomBytes);
    return {
      url: `${this.baseUrl}/u/${token}`,
      tokenHash: hashToken(token),
      link: {
        purpose: 'unsubscribe',
        accountId: input.accountId,
        contactEmail: input.contactEmail.toLowerCase(),
        language: input.language,
        validUntil: new Date(input.now.getTime() + UNSUBSCRIBE_LINK_DAYS * DAY).toISOString(),
        scope: input.scope === 'surveys' ? 'surveys' : undefined,
      },
    };
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
