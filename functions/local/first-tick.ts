import type { Settings } from '../config/settings.ts';
import { isWithinBusinessHours } from '../core/outreach/business-hours.ts';
import { demoTimeZoneWeights } from './demo-book.ts';

/**
 * When a first tick of the scan shows something: outreach waits for each contact's business hours,
 * so a tick on a Sunday, or at night for most of the book, sends nothing. This finds the first whole
 * hour from `now` (or `now` itself) at which at least `share` of the accounts, weighted by time
 * zone, are inside business hours; `npm start` prints it as the `run scan --now` to paste.
 */
export function firstBusyTick(
  now: Date,
  zoneWeights: ReadonlyMap<string, number>,
  hours: Settings['businessHours'],
  share = 1 / 3,
): Date {
  const total = [...zoneWeights.values()].reduce((a, b) => a + b, 0);
  const busy = (at: Date) => {
    let open = 0;
    for (const [zone, weight] of zoneWeights) if (isWithinBusinessHours(at, zone, hours)) open += weight;
    return total > 0 && open >= share * total;
  };
  if (busy(now)) return now;
  const hour = 3_600_000;
  const first = Math.ceil(now.getTime() / hour) * hour;
  // Two weeks of hours: any working week has such an hour unless the settings close every day.
  for (let t = first; t < first + 14 * 24 * hour; t += hour) if (busy(new Date(t))) return new Date(t);
  return now;
}

/**
 * The `run scan` line to paste: plain when now is already a good time on the real clock, else with
 * `--now` (always when the clock is pretended with AH_NOW: the CLI keeps the real one).
 */
export function scanCommand(now: Date, tick: Date, pretend = false): string {
  const base = 'npx account-health run scan';
  if (tick.getTime() === now.getTime() && !pretend) return base;
  return `${base} --now ${tick.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}

/** What `npm start` suggests trying next, with a scan line that sends mail whatever the day and hour. */
export function tryLines(clock: { now: () => Date; pretend: boolean }, settings: Settings): string[] {
  const now = clock.now();
  const tick = firstBusyTick(now, demoTimeZoneWeights(), settings.businessHours);
  const scan = scanCommand(now, tick, clock.pretend);
  const lines = [
    'Try:   npx account-health accounts --due        who is going stale, and why',
    `       ${scan}`,
    '         one tick of the hourly scan: sends the due check-ins and surveys',
  ];
  const { start, end } = settings.businessHours;
  if (tick.getTime() !== now.getTime())
    lines.push(
      `         (mail waits for each contact's business hours, ${start}-${end} on working days: this tick`,
      `         runs at ${wallTime(tick, 'UTC')} UTC, the next hour a third of the demo book is in them)`,
    );
  return lines;
}

/** `in 5 min`, `in 3 h`, `in 2 days`. */
export function relative(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'in under a minute';
  if (minutes < 90) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `in ${Math.round(hours / 24)} days`;
}

/** `Mon 2026-11-23 09:00`, read on the zone's clock. */
export function wallTime(at: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const p of format.formatToParts(at)) parts[p.type] = p.value;
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
