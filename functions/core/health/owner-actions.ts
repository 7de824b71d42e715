import type { Account, Touch } from '../account.ts';
import { InvalidLinkError } from '../errors.ts';
import { html } from '../html.ts';
import { layout } from '../survey/survey-page.ts';
import { hashToken, isWellFormedToken } from '../survey/tokens.ts';
import { type LogContactDeps, logContact } from '../touches/log-contact.ts';
import { endSentence, plural } from '../wording.ts';
import { acknowledgeRisk } from './acknowledge.ts';
import type { ActionOrigin, OwnerAction } from './ports.ts';

/** What an owner action token grants, as the store keeps it. */
export interface ActionLink {
  action: OwnerAction;
  accountId: string;
  ownerEmail: string;
  snoozeDays?: number | undefined;
  /** The email the link was sent in; absent on links minted before it was kept. */
  origin?: ActionOrigin | undefined;
  validUntil: string;
  usedAt?: string | undefined;
}

export interface ActionLinkStore {
  findAction(tokenHash: string, options?: { consistent?: boolean }): Promise<ActionLink | undefined>;
  markUsed(tokenHash: string, at: Date): Promise<boolean>;
}

export interface OwnerActionDeps {
  actionLinks: ActionLinkStore;
  accounts: {
    getAccount(accountId: string): Promise<Account | undefined>;
    updateAccount(
      accountId: string,
      change: (current: Account) => Partial<Account>,
      now: Date,
    ): Promise<Account>;
    recordTouch(touch: Touch, now: Date): Promise<Account>;
  };
  /** Where "mark contacted" announces the contact (`Contact Logged`). */
  events: LogContactDeps['events'];
  clock: () => Date;
}

export const DEFAULT_SNOOZE_DAYS = 7;

/** Where a click came from, as the timeline note says it: "Marked contacted from the digest". */
const FROM: Record<ActionOrigin, string> = {
  alert: 'from an alert',
  'cohort-alert': 'from a cohort alert',
  escalation: 'from an escalation',
  digest: 'from the digest',
  'review-reminder': 'from the quarterly review reminder',
};
const fromOrigin = (origin: ActionOrigin | undefined) => (origin ? FROM[origin] : 'from an owner email');
const DAY = 86_400_000;

async function resolveAction(token: string, deps: OwnerActionDeps, consistent: boolean): Promise<ActionLink> {
  if (!isWellFormedToken(token)) throw new InvalidLinkError('The link is incomplete or damaged', 'tampered');
  const link = await deps.actionLinks.findAction(hashToken(token), { consistent });
  if (!link) throw new InvalidLinkError('The link is not known', 'unknown');
  if (Date.parse(link.validUntil) <= deps.clock().getTime())
    throw new InvalidLinkError('The link has expired', 'expired');
  return link;
}

export interface ActionView {
  link: ActionLink;
  accountName: string;
}

async function view(link: ActionLink, deps: OwnerActionDeps): Promise<ActionView> {
  const account = await deps.accounts.getAccount(link.accountId);
  if (!account) throw new InvalidLinkError('The account of this link no longer exists', 'unknown');
  // A link is bound to the person it was sent to (the owner; the manager for an escalation), who
  // must still hold that role: after the account moved, the old owner's links act no more.
  const holders = [account.ownerEmail, account.managerEmail].flatMap((e) => (e ? [e.toLowerCase()] : []));
  if (!holders.includes(link.ownerEmail.toLowerCase()))
    throw new InvalidLinkError('The account has a new owner since this link was sent', 'superseded');
  return { link, accountName: account.name };
}

/** What the confirm page shows. Reads only: a GET never acts (mail scanners open every link). */
export async function openOwnerAction(token: string, deps: OwnerActionDeps): Promise<ActionView> {
  return view(await resolveAction(token, deps, false), deps);
}

export type ActionOutcome = 'done' | 'already-done' | 'not-at-risk';

/**
 * Carries out an owner action, once per link: acknowledge (stops the escalation of the account's
 * alerts), mark contacted and review held (a touch from the owner, its note naming the email the
 * click came from: the account's clock resets), snooze (defers the account's next outreach).
 */
export async function performOwnerAction(
  token: string,
  deps: OwnerActionDeps,
): Promise<ActionView & { outcome: ActionOutcome }> {
  const link = await resolveAction(token, deps, true);
  const v = await view(link, deps);
  const now = deps.clock();
  if (!(await deps.actionLinks.markUsed(hashToken(token), now))) return { ...v, outcome: 'already-done' };
  if (link.action === 'acknowledge') {
    let atRisk = false;
    await deps.accounts.updateAccount(
      link.accountId,
      (a) => {
        atRisk = !!a.risk;
        return a.risk ? { risk: acknowledgeRisk(a.risk, now.toISOString()) } : {};
      },
      now,
    );
    return { ...v, outcome: atRisk ? 'done' : 'not-at-risk' };
  }
  if (link.action === 'mark-contacted' || link.action === 'review-held') {
    await logContact(
      deps,
      {
        accountId: link.accountId,
        at: now.toISOString(),
        kind: 'note',
        note:
          link.action === 'review-held'
            ? `Quarterly review held (marked ${fromOrigin(link.origin)})`
            : `Marked contacted ${fromOrigin(link.origin)}`,
        source: 'owner-action',
      },
      now,
    );
    return { ...v, outcome: 'done' };
  }
  const days = link.snoozeDays ?? DEFAULT_SNOOZE_DAYS;
  await deps.accounts.updateAccount(
    link.accountId,
    () => ({
      deferredUntil: new Date(now.getTime() + days * DAY).toISOString(),
      deferReason: 'snoozed by the owner',
    }),
    now,
  );
  return { ...v, outcome: 'done' };
}

const COPY: Record<
  OwnerAction,
  {
    ask: (name: string, days: number) => string;
    button: string;
    done: (name: string, days: number) => string;
  }
> = {
  acknowledge: {
    ask: (n) =>
      `Take on ${n}? Confirming tells the tool you are on it, so the alert is not escalated to your manager.`,
    button: 'I’m on it',
    done: (n) => `Thanks, you are on ${endSentence(n)} The alert will not be escalated.`,
  },
  'mark-contacted': {
    ask: (n) => `Mark ${n} as contacted now? Its check-in clock starts again from today.`,
    button: 'Mark contacted',
    done: (n) => `${n} is marked as contacted today.`,
  },
  'review-held': {
    ask: (n) =>
      `Mark the quarterly review with ${n} as held today? It is logged as a contact, so the check-in clock starts again.`,
    button: 'Mark review held',
    done: (n) => `The quarterly review with ${n} is logged as held today.`,
  },
  snooze: {
    ask: (n, d) => `Snooze ${n} for ${plural(d, 'day')}? No check-in or survey goes out before then.`,
    button: 'Snooze',
    done: (n, d) => `${n} is snoozed for ${plural(d, 'day')}.`,
  },
};

/** The confirm page: a button that POSTs to the same URL. */
export function renderActionConfirmPage(v: ActionView): string {
  const c = COPY[v.link.action];
  const days = v.link.snoozeDays ?? DEFAULT_SNOOZE_DAYS;
  const body = html`<h1>${c.button}</h1>
<p>${c.ask(v.accountName, days)}</p>
<form method="post"><button type="submit">${c.button}</button></form>
<p class="muted after">Nothing changes until you press the button.</p>`;
  return layout(c.button, body);
}

export function renderActionDonePage(v: ActionView & { outcome: ActionOutcome }): string {
  const c = COPY[v.link.action];
  const days = v.link.snoozeDays ?? DEFAULT_SNOOZE_DAYS;
  const text =
    v.outcome === 'already-done'
      ? 'This link has been used already; nothing more to do.'
      : v.outcome === 'not-at-risk'
        ? `${v.accountName} is not at risk any more; nothing to acknowledge.`
        : c.done(v.accountName, days);
  return layout('Done', html`<h1>Done</h1><p>${text}</p><p class="muted">You can close this page now.</p>`);
}
