import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { describe } from 'vitest';

/**
 * Browser tests use the system Chromium (Debian's `chromium`; `.ci/run` installs it). On a
 * developer's machine without it they are left out with a notice, so `npm ci && npm test` needs
 * only Node and Java; in CI a missing Chromium fails the run instead.
 * AH_CHROMIUM names another binary; AH_CHROMIUM=none acts as if none were installed.
 */
const candidates =
  process.env.AH_CHROMIUM === 'none'
    ? []
    : [process.env.AH_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const CHROMIUM_PATH = candidates.find((p): p is string => !!p && existsSync(p));

if (!CHROMIUM_PATH && process.env.CI) {
  throw new Error(
    "Chromium is not installed: browser tests cannot run. `.ci/run` installs Debian's chromium.",
  );
}
if (!CHROMIUM_PATH) {
  console.warn(
    '\n  Chromium not found: the browser tests are left out. Install it (Debian: apt-get install chromium) to run them.\n',
  );
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** `describe` for browser tests: runs where Chromium is installed (always in CI). */
export const describeInChromium = describe.runIf(CHROMIUM_PATH !== undefined);
