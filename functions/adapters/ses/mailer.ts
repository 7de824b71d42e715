import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type Mailer, type OutgoingEmail, SendOutcomeUnknownError } from '../../core/ports.ts';
import { cleanSingleLine } from '../../core/text-policy.ts';
import { retry } from '../../shared/retry.ts';
import { withoutSdkLogging } from '../sdk-logging.ts';

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
  const clean = name === undefined ? '' : cleanSingleLine(name).trim();
  if (!clean) return address;
  if (/^[\x20-\x7e]*$/.test(clean)) return `"${clean.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?= <${address}>`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const ADDRESS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029,;<>"]|[\uD800-\uDFFF]/u;
const HEADER_NAME = /^[!#-'*+.^-~0-9A-Za-z-]{1,76}$/;

/** An address for To or Reply-To: anything that could add a header or a recipient is refused. */
function headerAddress(address: string): string {
  if (ADDRESS_UNSAFE.test(address))
    throw new Error('Refusing an email address with a control or separator character');
  return address;
}

/**
 * The SES request for an email. Last line of defence for headers: the edges already refuse control
 * characters in single-line fields, and here every header value (Subject, From display name, extra
 * headers) is cleaned again and every address or header name that could split a header is refused.
 */
export function sendEmailInput(
  email: OutgoingEmail,
  opts: Pick<SesMailerOptions, 'sender' | 'configurationSet'>,
) {
  return {
    FromEmailAddress: formatAddress(email.fromName, headerAddress(opts.sender)),
    Destination: { ToAddresses: [headerAddress(email.to)] },
    ReplyToAddresses: email.replyTo ? [headerAddress(email.replyTo)] : undefined,
    ConfigurationSetName: opts.configurationSet,
    EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({
      Name: tagValue(Name),
      Value: tagValue(Value),
    })),
    Content: {
      Simple: {
        Subject: { Data: cleanSingleLine(email.subject), Charset: 'UTF-8' },
        Body: {
          Html: { Data: email.html, Charset: 'UTF-8' },
          Text: { Data: email.text, Charset: 'UTF-8' },
        },
        Headers: email.headers?.map((h) => {
          if (!HEADER_NAME.test(h.name)) throw new Error('Refusing a header name that is not a token');
          return { Name: h.name, Value: cleanSingleLine(h.value) };
        }),
      },
    },
  };
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
  /** Slots granted by `pace` and not yet used by a send. */
  private granted = 0;

  constructor(
    private readonly client: SESv2Client,
    private readonly opts: SesMailerOptions,
  ) {
    this.sleep = opts.sleep ?? realSleep;
    this.limiter = new RateLimiter(opts.maxPerSecond, this.sleep);
  }

  /** Waits for a slot of the rate; the next `send` uses it instead of waiting again. */
  async pace(): Promise<void> {
    await this.limiter.take();
    this.granted++;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const command = new SendEmailCommand(sendEmailInput(email, this.opts));
    let first = true;
    return retry(
      async () => {
        // The first attempt uses the slot `pace` granted, if any; a retry waits for a slot of its own.
        if (first && this.granted > 0) this.granted--;
        else await this.limiter.take();
        first = false;
        const r = await this.client.send(command).catch((error: unknown) => {
          throw answerLost(error) ? new SendOutcomeUnknownError(error) : error;
        });
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

/** Errors after which SES may have accepted the email: the request went out, the answer did not come. */
function answerLost(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === 'TimeoutError' || ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e?.code ?? '');
}

/**
 * A `SendEmail` that has not answered by then is given up as "outcome unknown". It must end well
 * inside the shortest claim lease (a job's timeout plus a minute), so a takeover never races a
 * request of the run that claimed; SES answers in well under a second. (The SDK only warns on a
 * request timeout unless `throwOnRequestTimeout` is set.)
 */
export const SES_REQUEST_TIMEOUT_MS = 20_000;

export function createSesClient(
  region: string,
  endpoint?: string,
  requestTimeoutMs = SES_REQUEST_TIMEOUT_MS,
): SESv2Client {
  return withoutSdkLogging(
    new SESv2Client({
      region,
      // One attempt per call: a retried SendEmail whose first answer was lost could be accepted twice.
      // Throttles are retried by SesMailer itself, paced; a lost answer becomes SendOutcomeUnknownError.
      maxAttempts: 1,
      requestHandler: {
        requestTimeout: requestTimeoutMs,
        throwOnRequestTimeout: true,
        connectionTimeout: 5_000,
      },
      ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    }),
  );
}
