import { createHash } from 'node:crypto';
import type { Settings } from '../../config/settings.ts';
import { forEachConcurrently } from '../../shared/concurrency.ts';
import type { Account, Contact } from '../account.ts';
import { renderDigestEmail } from '../email/digest-email.ts';
import { DIGEST_SENT } from '../events/account-health.ts';
import type { Publisher } from '../events/ports.ts';
import type { Ledger, Mailer, SendKey } from '../ports.ts';
import { sendClaimed } from '../send/send-claimed.ts';
import type { SurveyResponse } from '../survey/survey.ts';
import { zonedTimeToInstant } from '../time.ts';
import {
  buildDigest,
  type Digest,
  type DigestActionKind,
  digestCounts,
  NPS_TREND_PERIODS,
  NPS_WINDOW_DAYS,
} from './build-digest.ts';
import { addDays } from './calendar.ts';
import { digestPeriodAt, isDigestTime, ownerTimeZone, previousPeriod } from './schedule.ts';

export interface DigestOwner {
  email: string;
  name?: string | undefined;
}

/** What the digest remembers per owner between runs (no email address: keyed by the owner key). */
export interface DigestState {
  ownerKey: string;
  /** The owner's zone as last derived from the book, so a tick need not read the book to know it. */
  timeZone?: string | undefined;
  /** The last period the digest was done for (sent, or nothing to report). */
  lastPeriod?: string | undefined;
  /** When the last digest actually went out: new answers are counted from here. */
  lastSentAt?: string | undefined;
}

/** Mints one signed action link (the action-links adapter behind GET/POST /a/{token}). */
export interface ActionLinkPort {
  issue(input: {
    action: DigestActionKind;
    accountId: string;
    ownerEmail: string;
    expiresAt: Date;
    snoozeDays?: number;
    origin: 'digest';
  }): Promise<string>;
}

export interface DigestDeps {
  book: {
    listOwners(): Promise<DigestOwner[]>;
    listAccountsByOwner(ownerEmail: string): Promise<Account[]>;
    getContacts(accountId: string): Promise<Contact[]>;
  };
  responses: { listResponsesSince(since?: Date): Promise<SurveyResponse[]> };
  state: {
    getMany(ownerKeys: string[]): Promise<Map<string, DigestState>>;
    put(state: DigestState): Promise<void>;
  };
  ledger: Ledger;
  /** How long a send's claim is held (the job's timeout and a margin); see sendClaimed. */
  leaseMs?: number | undefined;
  actionLinks: ActionLinkPort;
  mailer: Mailer;
  events: Publisher<typeof DIGEST_SENT>;
  settings: Settings;
  /** A failed step; names no owner (not even the owner key: it is derived from the address). */
  onError?: (where: string, id: string | undefined, error: unknown) => void;
}

export interface DigestRunOptions {
  now: Date;
  /** Only this owner; the schedule's day and time are not checked (still one digest per period). */
  ownerEmail?: string | undefined;
}

export interface DigestRunReport {
  owners: number;
  sent: number;
  /** Nothing to report (and `digest.sendWhenEmpty` is off). */
  empty: number;
  /** Not the owner's digest time yet. */
  notDue: number;
  /** This period's digest already went out (or was found empty). */
  done: number;
  /** Sent by an earlier run whose bookkeeping was lost; repaired, not resent. */
  repaired: number;
  inFlight: number;
  failed: number;
}

const DAY = 86_400_000;
/** Action links work through the next period and a week more. */
const LINK_GRACE_DAYS = 7;
const SNOOZE_DAYS = 7;

/**
 * An owner's stable key: the internal DynamoDB key of the digest state and the send ledger, nothing
 * more. It is an unsalted SHA-256 of the address, so reversible from a staff list: it never leaves the
 * table (no event, no SES tag, no log line). As a table key it hides nothing the table does not
 * already hold: the account items carry the owner's address.
 */
export function ownerKeyOf(email: string): string {
  return `owner-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24)}`;
}

/** A local date's midnight in the zone, as an instant. */
const midnight = (date: string, zone: string) =>
  zonedTimeToInstant(
    { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) },
    zone,
  );

/** How far back one run reads answers: enough for the NPS trend of any owner. */
const responsesFrom = (now: Date) =>
  new Date(now.getTime() - (NPS_WINDOW_DAYS + NPS_TREND_PERIODS * 31 + 2) * DAY);

/**
 * Reads an owner's book and builds the digest of the period containing `now` in the owner's zone.
 * Reads only what the owner owns (the owner index, each account's contacts), never a Scan.
 */
export async function composeDigest(
  deps: Pick<DigestDeps, 'book' | 'responses' | 'settings'>,
  owner: DigestOwner,
  now: Date,
  opts: { state?: DigestState | undefined; accounts?: Account[]; responses?: SurveyResponse[] } = {},
): Promise<Digest> {
  const { settings } = deps;
  const accounts = opts.accounts ?? (await deps.book.listAccountsByOwner(owner.email));
  const timeZone = ownerTimeZone(accounts, settings);
  const { period } = digestPeriodAt(now, timeZone, settings);
  const contacts = new Map<string, Contact[]>();
  await forEachConcurrently(accounts, 8, async (a) => {
    contacts.set(a.accountId, await deps.book.getContacts(a.accountId));
  });
  const responses = opts.responses ?? (await deps.responses.listResponsesSince(responsesFrom(now)));
  const since = opts.state?.lastSentAt
    ? new Date(opts.state.lastSentAt)
    : midnight(previousPeriod(period, settings.digest.cadence).start, timeZone);
  return buildDigest({
    owner,
    accounts,
    contacts,
    responses: responses.filter((r) => r.ownerEmail.toLowerCase() === owner.email.toLowerCase()),
    since,
    period,
    timeZone,
    now,
    settings,
  });
}

/** When a digest's action links stop working. */
export const linksExpireOn = (digest: Digest) => addDays(digest.period.end, LINK_GRACE_DAYS);

/** Fills in every item's action links. */
export async function mintActionLinks(links: ActionLinkPort, digest: Digest, expiresAt: Date): Promise<void> {
  const actions = digest.sections.flatMap((s) =>
    s.items.flatMap((item) => item.actions.map((a) => ({ item, a }))),
  );
  await forEachConcurrently(actions, 8, async ({ item, a }) => {
    a.url = await links.issue({
      action: a.kind,
      accountId: item.accountId,
      ownerEmail: digest.owner.email,
      expiresAt,
      ...(a.kind === 'snooze' ? { snoozeDays: SNOOZE_DAYS } : {}),
      origin: 'digest',
    });
  });
}

/**
 * The hourly digest tick: for each owner whose digest time has come in their zone, one digest per
 * period, claimed in the send ledger before SES is called (owner key + period id), so re-runs and
 * retries never send twice. An owner with nothing to report gets nothing unless configured.
 */
export async function sendDigests(deps: DigestDeps, opts: DigestRunOptions): Promise<DigestRunReport> {
  const { settings, now } = { settings: deps.settings, now: opts.now };
  const wanted = opts.ownerEmail?.trim().toLowerCase();
  let owners = await deps.book.listOwners();
  if (wanted) {
    owners = owners.filter((o) => o.email.toLowerCase() === wanted);
    // Missing from the registry but holding accounts: still an owner. Holding none: nobody's address,
    // so nothing is composed or recorded for it (the report says 0 owners).
    if (owners.length === 0 && (await deps.book.listAccountsByOwner(wanted)).length > 0)
      owners = [{ email: wanted }];
  }
  const report: DigestRunReport = {
    owners: owners.length,
    sent: 0,
    empty: 0,
    notDue: 0,
    done: 0,
    repaired: 0,
    inFlight: 0,
    failed: 0,
  };
  const states = await deps.state.getMany(owners.map((o) => ownerKeyOf(o.email)));
  let responses: Promise<SurveyResponse[]> | undefined;
  const loadResponses = () => {
    responses ??= deps.responses.listResponsesSince(responsesFrom(now));
    return responses;
  };

  await forEachConcurrently(owners, 4, async (owner) => {
    const ownerKey = ownerKeyOf(owner.email);
    try {
      const state = states.get(ownerKey) ?? { ownerKey };
      // Cheap checks first, on the zone remembered from the last run: most ticks end here.
      if (state.timeZone) {
        const { period } = digestPeriodAt(now, state.timeZone, settings);
        if (state.lastPeriod === period.id) return void report.done++;
        if (!wanted && !isDigestTime(now, state.timeZone, settings)) return void report.notDue++;
      }
      const accounts = await deps.book.listAccountsByOwner(owner.email);
      const timeZone = ownerTimeZone(accounts, settings);
      const { period } = digestPeriodAt(now, timeZone, settings);
      if (state.lastPeriod === period.id && state.timeZone === timeZone) return void report.done++;
      if (!wanted && !isDigestTime(now, timeZone, settings)) {
        if (state.timeZone !== timeZone) await deps.state.put({ ...state, timeZone });
        return void report.notDue++;
      }

      const digest = await composeDigest(deps, owner, now, {
        state,
        accounts,
        responses: await loadResponses(),
      });
      if (digest.empty && !settings.digest.sendWhenEmpty) {
        await deps.state.put({ ...state, timeZone, lastPeriod: period.id });
        return void report.empty++;
      }

      const key: SendKey = { accountId: ownerKey, kind: 'digest', cycle: period.id };
      const sent = await sendClaimed(deps, {
        email: 'digest',
        key,
        now,
        recipient: owner.email,
        compose: async () => {
          const expiresOn = linksExpireOn(digest);
          await mintActionLinks(deps.actionLinks, digest, midnight(expiresOn, timeZone));
          const email = renderDigestEmail({ digest, settings, linksExpireOn: expiresOn });
          return { ...email, to: owner.email, tags: { kind: 'digest', period: period.id } };
        },
      });
      if (sent.outcome === 'in-flight') return void report.inFlight++;
      if (sent.outcome === 'failed') throw sent.error;
      if (sent.outcome === 'already-sent' || sent.outcome === 'fatigued') {
        await deps.state.put({
          ...state,
          timeZone,
          lastPeriod: period.id,
          lastSentAt: sent.outcome === 'already-sent' ? (sent.sentAt ?? state.lastSentAt) : state.lastSentAt,
        });
        return void report.repaired++;
      }
      const { messageId } = sent;
      await deps.state.put({ ...state, timeZone, lastPeriod: period.id, lastSentAt: now.toISOString() });
      report.sent++;
      try {
        await deps.events.publish([
          {
            detailType: DIGEST_SENT,
            detail: {
              period: period.id,
              cadence: settings.digest.cadence,
              counts: digestCounts(digest),
              messageId,
            },
          },
        ]);
      } catch (error) {
        deps.onError?.('publish-event', undefined, error);
      }
    } catch (error) {
      report.failed++;
      deps.onError?.('digest', undefined, error);
    }
  });
  return report;
}
