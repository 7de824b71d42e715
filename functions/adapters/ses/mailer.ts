import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingEmail } from '../../core/ports.ts';
import { retry } from '../../shared/retry.ts';

export interface SesMailerOptions {
  sender: string;
  configurationSet?: string | undefined;
  /** Sends per second, across everything this mailer sends. */
  maxPerSecond: number;
  /** Throttle retries before giving up. @default 6 */
  maxAttempts?: number;
  /** First backoff step in ms; doubles each attempt, with full jitter. @default 200 */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const THROTTLES = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
]);

export function isThrottle(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return THROTTLES.has(e.name ?? '') || e.$metadata?.httpStatusCode === 429;
}

/** RFC 2047 encoded-word for a display name that is not plain ASCII; quoted string otherwise. */
export function formatAddress(name: string | undefined, address: string): string {
  if (!name) return address;
  const clean = name.replace(/[\r\n]+/g, ' ').trim();
  if (/^[\x20-\x7e]*$/.test(clean)) return `"${clean.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?= <${address}>`;
}

const tagValue = (v: string) => v.replace(/[^A-Za-z0-9_\-.@]/g, '_').slice(0, 256) || '_';

/** Spaces sends out evenly so a tick never exceeds the configured rate. */
export class RateLimiter {
  private next = 0;
  constructor(
    private readonly perSecond: number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async take(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.next);
    this.next = slot + 1000 / this.perSecond;
    if (slot > now) await this.sleep(slot - now);
  }
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sends through SES v2 (`SendEmail`, simple content with HTML and text parts). */
export class SesMailer implements Mailer {
  private readonly limiter: RateLimiter;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: SESv2Client,
    private readonly opts: SesMailerOptions,
  ) {
    this.sleep = opts.sleep ?? realSleep;
    this.limiter = new RateLimiter(opts.maxPerSecond, this.sleep);
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const command = new SendEmailCommand({
      FromEmailAddress: formatAddress(email.fromName, this.opts.sender),
      Destination: { ToAddresses: [email.to] },
      ReplyToAddresses: email.replyTo ? [email.replyTo] : undefined,
      ConfigurationSetName: this.opts.configurationSet,
      EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: {
            Html: { Data: email.html, Charset: 'UTF-8' },
            Text: { Data: email.text, Charset: 'UTF-8' },
          },
          Headers: email.headers?.map((h) => ({ Name: h.name, Value: h.value })),
        },
      },
    });
    return retry(
      async () => {
        await this.limiter.take();
        const r = await this.client.send(command);
        if (!r.MessageId) throw new Error('SES accepted the email but returned no message id');
        return { messageId: r.MessageId };
      },
      {
        attempts: this.opts.maxAttempts ?? 6,
        retryOn: isThrottle,
        baseDelayMs: this.opts.baseDelayMs ?? 200,
        maxDelayMs: Number.POSITIVE_INFINITY,
        sleep: this.sleep,
      },
    );
  }
}

export function createSesClient(region: string, endpoint?: string): SESv2Client {
  return new SESv2Client({
    region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}
