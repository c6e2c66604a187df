/**
 * Screenshots of a report page for the docs, in headless Chromium (Debian's chromium, through
 * playwright-core): the whole page, and the page with its first trial open.
 *
 *   npx tsx tools/report-screenshots.ts docs/results/austen-sentence-cnn/report.html docs/results/austen-sentence-cnn
 *
 * writes report.png and report-trial.png into the folder given second.
 */
import { join, resolve } from 'node:path';
import { launchBrowser, pageWithErrors } from '../apps/runner/src/testing/browser';

async function main(): Promise<void> {
  const [file, out] = process.argv.slice(2);
  if (!file || !out) throw new Error('usage: npx tsx tools/report-screenshots.ts <report.html> <folder>');
  const browser = await launchBrowser();
  try {
    const { page, errors } = await pageWithErrors(browser);
    await page.goto(`file://${resolve(file)}`);
    await page.waitForSelector('#table tr.group');
    await page.waitForFunction(`document.querySelectorAll('.figure .chart svg, .figure > svg').length === document.querySelectorAll('.figure').length`);
    await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
    await page.click('#table tr.group');
    await page.click('#table tr.seed');
    await page.waitForSelector('#trial .chart svg');
    await page.screenshot({ path: join(out, 'report-trial.png') });
    if (errors.length) throw new Error(`the page logged errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
