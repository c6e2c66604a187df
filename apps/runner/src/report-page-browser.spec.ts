/**
 * The report page in a real browser (headless Chromium): report.html as `exec` writes it for a
 * tiny real sweep (apps/runner/fixtures/tiny/fmnist-page.yaml: 8 trials on 300 Fashion-MNIST
 * images) loads with no console error, shows table.md's numbers, sorts, filters, opens a trial;
 * and `ablate serve` shows a sweep as it runs (running curves, then the table) without writing
 * into its results folder. ABLATE_SCREENSHOTS=<dir> keeps screenshots of the pages.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, launchBrowser, pageWithErrors } from './testing/browser';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = 'apps/runner/fixtures/tiny/fmnist-page.yaml';
const cli = ['--import', 'tsx', 'apps/runner/src/main.ts'];
const dataMissing = existsSync('/usr/share/datasets/fashion-mnist') ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)';
const skip = browserMissing || dataMissing;
const shots = process.env.ABLATE_SCREENSHOTS;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** table.md's rows: label, then each cell as printed (bold and marks included). */
function markdownRows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.includes('---'))
    .slice(1)
    .map((l) => l.slice(2, -2).split(' | ').map((c) => c.replace(' (baseline)', '')));
}

/** The page's group rows as table.md prints them. */
const pageRows = (page: Page) =>
  page.$$eval('#table tr.group', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td, i) => (i === 0 ? (td.childNodes[1]?.textContent ?? '') : td.classList.contains('best') ? `**${td.textContent!.replace(/ [†‡]$/, '')}**${td.textContent!.match(/ [†‡]$/)?.[0] ?? ''}` : td.textContent!))),
  );

/** Starts `ablate serve`; resolves once it listens. */
function serve(args: string[]): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, [...cli, 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (c) => (out += String(c)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += String(c);
      if (out.includes('serving the report')) resolve({ child, out: () => out });
    });
    child.on('exit', (code) => reject(new Error(`ablate serve exited (${code}): ${out}`)));
  });
}

const stopped = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));

(skip ? describe.skip : describe)(`the report page in Chromium${skip}`, () => {
  const results = mkdtempSync(join(tmpdir(), 'ablate-page-'));
  const dir = join(results, 'fmnist-page');
  let browser: Browser;

  beforeAll(async () => {
    const run = spawnSync(process.execPath, [...cli, 'exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--threads', '1'], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`exec failed: ${run.stdout}${run.stderr}`);
    browser = await launchBrowser();
    if (shots) mkdirSync(shots, { recursive: true });
  }, 300000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads report.html from disk with no console error, with the numbers of table.md and every figure drawn', async () => {
    const { page, errors } = await pageWithErrors(browser);
    await page.goto(`file://${join(dir, 'report.html')}`);
    await page.waitForSelector('#table tr.group');
    expect(await pageRows(page)).toEqual(markdownRows(join(dir, 'table.md')));
    const figures = (JSON.parse(await page.$eval('#ablate-data', (s) => s.textContent!)) as { figures: unknown[] }).figures.length;
    expect(figures).toBeGreaterThanOrEqual(3);
    await page.waitForFunction(`document.querySelectorAll('.figure svg').length >= ${figures}`);
    // Hovering a mark shows its values.
    // (near a bar's top: the bars of an axis that starts near the data are clipped at the bottom)
    await page.hover('.figure[data-figure="metric_bars"] svg path[aria-roledescription="bar"]', { position: { x: 5, y: 5 } });
    await page.waitForSelector('.tip', { state: 'visible' });
    if (shots) await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 60000);

  it('sorts by a column, filters by variant and learning rate, and shows the seeds', async () => {
    const { page, errors } = await pageWithErrors(browser);
    await page.goto(`file://${join(dir, 'report.html')}`);
    await page.waitForSelector('#table tr.group');
    const means = async () => (await pageRows(page)).map((r) => parseFloat(r[1].replace(/\*/g, '')));
    await page.click('#table th[data-col="0"]');
    const down = await means();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await page.click('#table th[data-col="0"]');
    const up = await means();
    expect(up).toEqual([...down].reverse());
    await page.selectOption('select[data-key="variant"]', 'dropout');
    expect((await pageRows(page)).map((r) => r[0])).toEqual(expect.arrayContaining(['dropout, lr=0.01', 'dropout, lr=0.003']));
    expect(await page.$$('#table tr.group')).toHaveLength(2);
    await page.selectOption('select[data-key="optimizer.lr"]', '0.003');
    expect((await pageRows(page)).map((r) => r[0])).toEqual(['dropout, lr=0.003']);
    await page.check('#seeds');
    expect(await page.$$eval('#table tr.seed td:first-child', (tds) => tds.map((td) => td.textContent))).toEqual(['seed 3', 'seed 4']);
    await page.selectOption('select[data-key="variant"]', '');
    await page.selectOption('select[data-key="optimizer.lr"]', '');
    expect(await page.$$('#table tr.seed')).toHaveLength(8);
    expect(errors).toEqual([]);
  }, 60000);

  it("opens a trial: its numbers, history curve, confusion matrix, config and environment", async () => {
    const { page, errors } = await pageWithErrors(browser);
    await page.goto(`file://${join(dir, 'report.html')}`);
    await page.click('#table tr.group');
    const id = await page.$eval('#table tr.seed', (tr) => tr.getAttribute('data-trial')!);
    await page.click(`#table tr.seed[data-trial="${id}"]`);
    await page.waitForSelector('#trial .chart svg');
    const metrics = JSON.parse(readFileSync(join(dir, id, 'metrics.json'), 'utf8')) as { test: { oa: number } };
    expect(await page.$eval('#trial table.values td', (td) => td.textContent)).toBe((metrics.test.oa * 100).toFixed(2));
    expect(await page.$$('#trial table.confusion tr')).toHaveLength(11);
    expect(await page.$eval('#trial pre.config', (p) => p.textContent)).toContain(`# ablate trial ${id}`);
    expect(await page.$eval('#trial pre.env', (p) => p.textContent)).toContain('"backend"');
    if (shots) await page.screenshot({ path: join(shots, 'report-trial.png') });
    await page.click('#trial .close');
    expect(await page.isHidden('#trial')).toBe(true);
    expect(errors).toEqual([]);
  }, 60000);

  it('under ablate serve, shows a sweep as it runs: the running curves grow, then the table fills in; nothing is written into the results', async () => {
    const live = mkdtempSync(join(tmpdir(), 'ablate-serve-'));
    const liveDir = join(live, 'fmnist-page');
    const set = ['--set', `results_dir=${live}`, '--set', 'repeats=1', '--set', 'training.epochs=6', '--set', 'split.limit.train=3000'];
    const port = await freePort();
    const server = await serve(['--experiment', FIXTURE, ...set, '--port', String(port)]);
    try {
      const { page, errors } = await pageWithErrors(browser);
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForSelector('#results .empty');
      expect(server.out()).toMatch(/no trial has finished yet/);
      expect(existsSync(live) && existsSync(liveDir)).toBe(false);
      const sweep = spawn(process.execPath, [...cli, 'exec', '--experiment', FIXTURE, ...set, '--threads', '1', '--quiet'], { cwd: ROOT, stdio: 'ignore' });
      // The sweep's epochs can be shorter than the server's half-second look, so the test holds the
      // sweep still (SIGSTOP) each time a running trial's draft history has grown, waits until the
      // page shows that many epochs for that trial, then lets it go on (SIGCONT). What the page
      // showed of each running trial is kept, until the sweep ends.
      const seen = new Map<string, Set<number>>();
      const drafts = join(liveDir, '.partial');
      const epochsOnDisk = () =>
        (existsSync(drafts) ? readdirSync(drafts) : []).flatMap((name) => {
          try {
            const rows = readFileSync(join(drafts, name, 'history.csv'), 'utf8').trim().split('\n').length - 1;
            return rows > 0 ? [[/^[0-9a-f]+/.exec(name)![0], rows] as const] : [];
          } catch {
            return [];
          }
        });
      const shown = new Map<string, number>();
      let shot = false;
      while (sweep.exitCode === null) {
        const grown = epochsOnDisk().filter(([id, rows]) => shown.get(id) !== rows);
        if (grown.length > 0 && sweep.kill('SIGSTOP')) {
          try {
            // Read again once stopped: the trial may have ended more epochs, or finished, meanwhile.
            for (const [id, rows] of epochsOnDisk()) {
              if (shown.get(id) === rows) continue;
              shown.set(id, rows);
              await page.waitForSelector(`#running .card[data-trial="${id}"][data-epochs="${rows}"]`, { timeout: 20000 });
              seen.set(id, (seen.get(id) ?? new Set()).add(rows));
              if (shots && !shot && rows >= 3) {
                await page.screenshot({ path: join(shots, 'serve-running.png'), fullPage: true });
                shot = true;
              }
            }
          } finally {
            sweep.kill('SIGCONT');
          }
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(sweep.exitCode).toBe(0);
      // Some running trial was seen at two different epochs at least: its curve grew on the page.
      expect([...seen.values()].some((epochs) => epochs.size >= 2)).toBe(true);
      await page.waitForFunction(`document.querySelector('header .sub').textContent.includes('4 of 4 trials done')`, undefined, { timeout: 20000 });
      await page.waitForFunction(`document.querySelectorAll('#running .card').length === 0`);
      expect(await pageRows(page)).toEqual(markdownRows(join(liveDir, 'table.md')));
      expect(await page.textContent('#live')).toMatch(/live, updated/);
      expect(errors).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await stopped(server.child)).toBe(0);
  }, 240000);

  it('says so when the port is taken, with no stack trace', async () => {
    const port = await freePort();
    const first = await serve(['--experiment', FIXTURE, '--set', `results_dir=${results}`, '--port', String(port)]);
    try {
      const second = spawnSync(process.execPath, [...cli, 'serve', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--port', String(port)], { cwd: ROOT, encoding: 'utf8' });
      expect(second.status).toBe(1);
      expect(second.stderr).toBe(`error: port ${port} on 127.0.0.1 is in use by another program (another ablate serve?). Stop it, or give this one another port: --port ${port + 1}.\n`);
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await stopped(first.child)).toBe(0);
  }, 60000);
});
