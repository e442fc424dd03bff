/**
 * Headless Chromium for the browser tests: Debian's `chromium` package,
 * driven by playwright-core (which downloads nothing). Where the package is
 * missing the tests are skipped with the install command, except under
 * CI=true, where a missing browser fails the run.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const INSTALL = 'apt-get update && apt-get install -y chromium';

export const hasChromium = existsSync(CHROMIUM);
export const mustRun = process.env.CI === 'true';

if (!hasChromium && !mustRun) process.stderr.write(`browser tests skipped: ${CHROMIUM} not found (install it with: ${INSTALL})\n`);

/**
 * Where the tests put their screenshots: a scratch folder, or the folder
 * named by SYNOD_SCREENSHOTS (`npm run screenshots` sets counterexamples/,
 * whose PNGs the README shows).
 */
export function screenshotDir(): string {
  const dir = process.env.SYNOD_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'synod-shots-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh browser with an empty profile (playwright passes it as --user-data-dir). */
export function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'synod-chromium-')), {
    executablePath: CHROMIUM,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
