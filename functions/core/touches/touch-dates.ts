import type { Settings } from '../../config/settings.ts';
import { type Account, accountTimeZone, type Contact } from '../account.ts';
import { localDate, monthDayIn, nextMonthDay, nextQuarterAnniversary } from '../digest/calendar.ts';
import { zonedTimeToInstant } from '../time.ts';

/** A personal touch's kind; also its send-ledger kind. */
export type TouchDateKind = 'birthday' | 'anniversary' | 'qbr-reminder';

/**
 * A dated personal touch waiting in the due index, like a survey reminder: one per contact with a
 * birthday, and for key accounts with a customer-since date one anniversary greeting and one
 * quarterly-review reminder. After it is handled it moves on to its next occurrence.
 */
export interface TouchDate {
  accountId: string;
  kind: TouchDateKind;
  /** Birthdays only: whose. */
  contactEmail?: string | undefined;
  /** What the date derives from: the birthday (MM-DD) or the customer-since date (YYYY-MM-DD). */
  anchor: string;
  /** The local date of the occurrence it waits for. */
  on: string;
  /** When it is due: the start of business hours on `on` in the account's zone. */
  dueAt: string;
}

/** The next occurrence of a touch on or after a local date. */
export function nextOccurrence(kind: TouchDateKind, anchor: string, from: string): string {
  if (kind === 'birthday') return nextMonthDay(anchor, from);
  if (kind === 'anniversary') {
    // The first anniversary is a year after the customer-since date.
    const first = monthDayIn(Number(anchor.slice(0, 4)) + 1, anchor.slice(5, 10));
    return nextMonthDay(anchor.slice(5, 10), from > first ? from : first);
  }
  return nextQuarterAnniversary(anchor, from);
}

/** The touch waiting for its occurrence on or after `from` (a local date in the account's zone). */
export function scheduleTouch(
  touch: Omit<TouchDate, 'on' | 'dueAt'>,
  from: string,
  timeZone: string,
  settings: Settings,
): TouchDate {
  const on = nextOccurrence(touch.kind, touch.anchor, from);
  const [h, m] = settings.businessHours.start.split(':').map(Number) as [number, number];
  const dueAt = zonedTimeToInstant(
    {
      year: Number(on.slice(0, 4)),
      month: Number(on.slice(5, 7)),
      day: Number(on.slice(8, 10)),
      hour: h,
      minute: m,
    },
    timeZone,
  ).toISOString();
  return { ...touch, on, dueAt };
}

/**
 * Every touch an account should have waiting, from today on (today's included, so an import on the
 * day still greets; the send ledger keeps it to one). Anniversaries and reviews only for key accounts.
 */
export function touchDatesFor(
  account: Pick<Account, 'accountId' | 'tier' | 'customerSince' | 'timeZone'>,
  contacts: Pick<Contact, 'email' | 'birthday'>[],
  settings: Settings,
  now: Date,
): TouchDate[] {
  const zone = accountTimeZone(account, settings);
  const today = localDate(now, zone);
  const out: TouchDate[] = [];
  for (const c of contacts)
    if (c.birthday)
      out.push(
        scheduleTouch(
          {
            accountId: account.accountId,
            kind: 'birthday',
            contactEmail: c.email.toLowerCase(),
            anchor: c.birthday,
          },
          today,
          zone,
          settings,
        ),
      );
  if (account.tier === 'key' && account.customerSince) {
    const anchor = account.customerSince.slice(0, 10);
    for (const kind of ['anniversary', 'qbr-reminder'] as const)
      out.push(scheduleTouch({ accountId: account.accountId, kind, anchor }, today, zone, settings));
  }
  return out;
}
