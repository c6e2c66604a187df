/**
 * report.html from trial folders written here (SYNTHETIC metrics: 2 variants x 2 learning rates x
 * 2 seeds): one file that needs nothing else, with the same numbers as table.md, every trial's
 * config, history, confusion matrix and environment, and the running trials' histories. The
 * browser test (apps/runner/src/report-page-browser.spec.ts) opens it in Chromium.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrialInfo } from '../collect';
import { writeReport } from '../write-report';
import type { PageData } from './page-data';
import { livePageData } from './report-page';

const OA: Record<string, number[]> = { 'plain|0.01': [0.8, 0.82], 'plain|0.1': [0.7, 0.74], 'bn|0.01': [0.86, 0.85], 'bn|0.1': [0.83, 0.84] };

function trials(dir: string): TrialInfo[] {
  const out: TrialInfo[] = [];
  for (const [key, oas] of Object.entries(OA)) {
    const [variant, lr] = key.split('|');
    oas.forEach((oa, seed) => {
      const trial = { id: `${out.length.toString(16).padStart(12, '0')}`, index: out.length, variant, grid: [{ path: 'optimizer.lr', value: Number(lr) }], seed };
      out.push(trial);
      const t = join(dir, trial.id);
      mkdirSync(t, { recursive: true });
      writeFileSync(join(t, 'metrics.json'), JSON.stringify({ status: 'done', test: { oa, aa: oa - 0.01, kappa: oa - 0.1 }, params: { trainable: 1000, non_trainable: 0, macs: 1 } }));
      writeFileSync(join(t, 'history.csv'), `epoch,lr,train.loss,val.loss,val.oa\n1,${lr},1.2,1.3,${oa - 0.1}\n2,${lr},0.9,,\n`);
      writeFileSync(join(t, 'confusion.csv'), 'true \\ predicted,cat,dog\ncat,8,2\ndog,1,9\n');
      writeFileSync(join(t, 'config.resolved.yaml'), `# ablate trial ${trial.id}\ndescription: "a </script><script>alert(1)</script> in a string"\n`);
      writeFileSync(join(t, 'env.json'), JSON.stringify({ seed, backend: { name: 'native' } }));
    });
  }
  return out;
}

/** The page's data, read back from report.html as the browser would. */
function dataOf(html: string): PageData {
  const match = /<script id="ablate-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no data script in the page');
  return JSON.parse(match[1]) as PageData;
}

describe('the report page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-page-'));
  const all = trials(dir);
  const source = { name: 'lr_bn', resultsDir: dir, trials: all, gridPaths: ['optimizer.lr'], hasVariants: true, report: { baseline: 'plain' }, description: 'BN and the learning rate' };
  let html = '';
  let table = '';

  beforeAll(async () => {
    await writeReport({ ...source, command: 'test' });
    html = readFileSync(join(dir, 'report.html'), 'utf8');
    table = readFileSync(join(dir, 'table.md'), 'utf8');
  });

  it('is one file: the vega and vega-lite runtimes, the script and the data inline, nothing fetched', () => {
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link[^>]*href="(?!data:)/i);
    expect(html).not.toMatch(/(src|href)="https?:/i);
    expect(html).toContain(readFileSync(require.resolve('vega/build/vega.min.js'), 'utf8'));
    expect(html).toContain(readFileSync(require.resolve('vega-lite/build/vega-lite.min.js'), 'utf8'));
    // A </script> inside a trial's config does not end the data's script element.
    expect(html.match(/<\/script>/g)).toHaveLength(4);
    expect(dataOf(html).trials[0].config).toContain('a </script><script>alert(1)</script> in a string');
  });

  it('has the rows and numbers of table.md, in its order, with the best bold and † where table.md has them', () => {
    const data = dataOf(html);
    const lines = table.split('\n').filter((l) => l.startsWith('| ') && !l.includes('---')).slice(1);
    expect(data.groups.map((g) => g.label)).toEqual(lines.map((l) => l.split(' | ')[0].slice(2).replace(' (baseline)', '')));
    for (const [i, line] of lines.entries()) {
      const cells = line.slice(2, -2).split(' | ').slice(1);
      expect(data.groups[i].cells.map((c) => `${c.best ? `**${c.text}**` : c.text}${c.significant ? ' †' : ''}${c.untestable ? ' ‡' : ''}`)).toEqual(cells);
    }
    expect(data.columns.map((c) => c.label)).toEqual(['OA (%)', 'AA (%)', 'Kappa (%)']);
  });

  it('filters by variant and learning rate, and has a row per seed with its own numbers', () => {
    const data = dataOf(html);
    expect(data.keys).toEqual([
      { key: 'variant', label: 'variant', values: ['plain', 'bn'] },
      { key: 'optimizer.lr', label: 'optimizer.lr', values: ['0.01', '0.1'] },
    ]);
    const bn = data.groups.find((g) => g.keys.variant === 'bn' && g.keys['optimizer.lr'] === '0.1');
    expect(bn?.trials).toHaveLength(2);
    const seeds = bn!.trials.map((id) => data.trials.find((t) => t.id === id)!);
    expect(seeds.map((t) => t.cells[0].text)).toEqual(['83.00', '84.00']);
    expect(seeds.map((t) => t.label)).toEqual(['bn, lr=0.1, seed 0', 'bn, lr=0.1, seed 1']);
  });

  it("holds each trial's config, history (empty cells as null), confusion matrix and environment", () => {
    const t = dataOf(html).trials[0];
    expect(t.history).toEqual([
      { epoch: 1, lr: 0.01, 'train.loss': 1.2, 'val.loss': 1.3, 'val.oa': expect.closeTo(0.7, 10) },
      { epoch: 2, lr: 0.01, 'train.loss': 0.9, 'val.loss': null, 'val.oa': null },
    ]);
    expect(t.confusion).toEqual({ classes: ['cat', 'dog'], counts: [[8, 2], [1, 9]] });
    expect(t.env).toEqual({ seed: 0, backend: { name: 'native' } });
    expect(dataOf(html).figures.map((f) => f.name)).toContain('learning_curves');
  });

  it("shows a running trial's history so far, from its draft folder", () => {
    const draft = join(dir, '.partial', 'ffffffffffff');
    mkdirSync(draft, { recursive: true });
    writeFileSync(join(draft, 'history.csv'), 'epoch,train.loss\n1,2.0\n2,1.5\n');
    const running = { id: 'ffffffffffff', index: 8, variant: 'bn', grid: [{ path: 'optimizer.lr', value: 0.5 }], seed: 0 };
    const data = livePageData({ ...source, trials: [...all, running] }, [{ trial: running, dir: draft }]);
    const shown = data.trials.find((t) => t.id === running.id);
    expect(shown).toMatchObject({ status: 'running', label: 'bn, lr=0.5, seed 0', history: [{ epoch: 1, 'train.loss': 2 }, { epoch: 2, 'train.loss': 1.5 }] });
    expect(data.counts).toEqual({ done: 8, failed: 0, pruned: 0, running: 1, total: 9 });
    expect(data.keys[1].values).toEqual(['0.01', '0.1', '0.5']);
  });
});
