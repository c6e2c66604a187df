/**
 * Every study committed under docs/results (comparisons too) has its report page, and each opens in headless
 * Chromium from disk with no console error, every figure drawn and the rows of its table.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { browserMissing, launchBrowser, pageWithErrors } from './testing/browser';

const RESULTS = join(__dirname, '..', '..', '..', 'docs', 'results');
/** Every study folder, a comparison over several experiment files (jasper-comparison) included. */
const STUDIES = readdirSync(RESULTS)
  .filter((d) => existsSync(join(RESULTS, d, 'table.md')))
  .sort();

/** table.md's first column (the row labels), without the baseline mark. */
const labels = (study: string) =>
  readFileSync(join(RESULTS, study, 'table.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.includes('---'))
    .slice(1)
    .map((l) => l.slice(2).split(' | ')[0].replace(' (baseline)', ''));

/** table.md's numbers, in order (marks and bold dropped). */
const numbers = (text: string) => [...text.matchAll(/-?\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0]);

describe('the committed report pages', () => {
  it('exist for every study with a table', () => {
    expect(STUDIES.length).toBeGreaterThanOrEqual(9);
    expect(STUDIES).toContain('jasper-comparison');
    expect(STUDIES.filter((s) => !existsSync(join(RESULTS, s, 'report.html')))).toEqual([]);
  });

  (browserMissing ? describe.skip : describe)(`in Chromium${browserMissing}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    }, 60000);
    afterAll(async () => {
      await browser?.close();
    });

    it.each(STUDIES)('%s/report.html opens with no console error and shows table.md', async (study) => {
      const { page, errors } = await pageWithErrors(browser);
      await page.goto(`file://${join(RESULTS, study, 'report.html')}`);
      await page.waitForSelector('#table tr.group');
      // a group row's first cell: the unfold marker, the label, then a "baseline" tag
      const rows = await page.$$eval('#table tr.group', (trs) => trs.map((r) => [...r.querySelectorAll('td')].map((td, i) => (i === 0 ? (td.childNodes[1]?.textContent ?? '') : (td.textContent ?? '')))));
      const body = readFileSync(join(RESULTS, study, 'table.md'), 'utf8').split('\n').filter((l) => l.startsWith('| ') && !l.includes('---')).slice(1);
      // the same numbers (a transposed table.md, one row per noise level, holds them in other places)
      const sorted = (cells: string[]) => numbers(cells.join(' | ')).sort();
      expect(sorted(rows.flatMap((r) => r.slice(1)))).toEqual(sorted(body.map((l) => l.split(' | ').slice(1).join(' | '))));
      // and, in the usual layout, the same rows in the same order
      if (rows.length === body.length && rows.length > 1) expect(rows.map((r) => r[0])).toEqual(labels(study));
      // every figure the page holds has drawn (vega puts an svg or canvas in each)
      const figures = await page.$$eval('.figure', (els) => els.map((e) => e.querySelector('svg, canvas') !== null));
      expect(figures.every(Boolean)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 60000);
  });
});
