/**
 * Debian's chromium (apt-get install chromium), driven headless by playwright-core, which downloads
 * no browser of its own. Tests that need it skip, saying why, unless ABLATE_REQUIRE_BROWSER=1 (CI).
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.ABLATE_CHROMIUM ?? '/usr/bin/chromium';

export const browserMissing = existsSync(CHROMIUM) ? '' : ` (skipped: no browser at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium)`;
if (process.env.ABLATE_REQUIRE_BROWSER && browserMissing) throw new Error(`ABLATE_REQUIRE_BROWSER is set but there is no browser at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium`);

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // --no-sandbox: CI and these sessions run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A page that records every console error and uncaught exception. */
export async function pageWithErrors(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}
