/**
 * A small ablation's report, from trial folders written here (SYNTHETIC metrics of 2 variants x 3
 * seeds): the LaTeX table compiles with pdflatex (CI installs TeX Live), its bold
 * cells are the best means, and the dagger marks the paired t-test against the baseline.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrialInfo } from './collect';
import { CLASSES, compile, hasLatex, latexSkipReason } from './testing/latex';
import { writeReport } from './write-report';


/** rsvg-convert writes the PDFs, pdffonts (poppler-utils) reads their fonts; CI installs both and sets ABLATE_REQUIRE_PDF. */
const hasPdfTools = ['rsvg-convert', 'pdffonts'].every((tool) => spawnSync(tool, ['--version']).error === undefined);
if (process.env.ABLATE_REQUIRE_PDF && !hasPdfTools) throw new Error('ABLATE_REQUIRE_PDF is set but rsvg-convert or pdffonts is missing (apt-get install librsvg2-bin poppler-utils)');
const pdfSkipReason = hasPdfTools ? '' : ' (skipped: rsvg-convert or pdffonts is not installed: apt-get install librsvg2-bin poppler-utils)';

const VARIANTS = { 'w/o BN': [0.81, 0.8, 0.82], 'w/ BN': [0.86, 0.87, 0.855], 'w/ BN & SE_2': [0.851, 0.856, 0.848] } as const;

function ablation(dir: string): TrialInfo[] {
  const trials: TrialInfo[] = [];
  Object.entries(VARIANTS).forEach(([variant, oas], v) => {
    oas.forEach((oa, s) => {
      const trial = { id: `t${v}${s}`, index: trials.length, variant, grid: [], seed: s };
      trials.push(trial);
      mkdirSync(join(dir, trial.id), { recursive: true });
      writeFileSync(join(dir, trial.id, 'metrics.json'), JSON.stringify({ status: 'done', test: { oa, aa: oa - 0.02, kappa: oa - 0.05 }, params: { trainable: 1000 + v, non_trainable: 0, macs: 5000 }, epochs: 3 }));
      writeFileSync(join(dir, trial.id, 'history.csv'), `epoch,train.loss,val.oa\n1,1.0,${oa - 0.1}\n2,0.7,${oa - 0.05}\n3,0.5,${oa}\n`);
      writeFileSync(join(dir, trial.id, 'confusion.csv'), 'true \\ predicted,a,b\na,8,2\nb,1,9\n');
    });
  });
  return trials;
}

describe('writeReport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-report-'));
  const trials = ablation(dir);
  let output: Awaited<ReturnType<typeof writeReport>>;

  beforeAll(async () => {
    output = await writeReport({
      name: 'bn_ablation',
      resultsDir: dir,
      trials,
      gridPaths: [],
      hasVariants: true,
      report: { baseline: 'w/o BN', caption: 'Ablation of BN & SE: OA, AA, kappa (100 x mean ± std over 3 seeds)', label: 'tab:bn' },
      description: 'BN ablation',
      command: 'npx nx run runner:report --experiment x.yaml',
    });
  });

  it('writes results.csv with one row per trial and summary.csv with n, mean, std, min, max', () => {
    const results = readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n');
    expect(results).toHaveLength(1 + 9);
    expect(results[0]).toBe('trial,variant,seed,status,test.oa,test.aa,test.kappa,params,non_trainable_params,macs,epochs');
    const summary = readFileSync(join(dir, 'summary.csv'), 'utf8').trim().split('\n');
    expect(summary).toHaveLength(1 + 3);
    expect(summary[0].startsWith('variant,n,test.oa.mean,test.oa.std,test.oa.min,test.oa.max')).toBe(true);
    const [variant, n, ...stats] = summary[1].split(',');
    expect([variant, n]).toEqual(['w/o BN', '3']);
    [0.81, 0.01, 0.8, 0.82].forEach((expected, i) => expect(Number(stats[i])).toBeCloseTo(expected, 12));
  });

  it('bolds the best mean of each column and marks significant differences from the baseline', () => {
    const tex = readFileSync(join(dir, 'table.tex'), 'utf8');
    const line = (label: string) => tex.split('\n').find((l) => l.trim().startsWith(label)) as string;
    expect(line('w/ BN &')).toContain('& \\bfseries 86.17 \\pm 0.76{\\textsuperscript{\\dag}} &');
    expect(line('w/o BN (baseline)')).not.toContain('bfseries');
    expect(line('w/ BN \\& SE\\_2')).not.toContain('bfseries');
    expect(tex).toContain('\\caption{Ablation of BN \\& SE: OA, AA, kappa (100 x mean $\\pm$ std over 3 seeds)}');
    expect(tex).toContain('$^\\dagger$ differs from w/o BN (paired t-test over 3 seeds, $p < 0.05$).');
    const md = readFileSync(join(dir, 'table.md'), 'utf8');
    expect(md).toContain('| w/ BN | **86.17 ± 0.76** † |');
    expect(output.table.rows[1].cells[0].p).toBeLessThan(0.05);
  });

  it('prints a value that every seed shares without ± 0, and tests nothing on columns with better: none', async () => {
    const params = await writeReport({
      name: 'bn_ablation',
      resultsDir: dir,
      trials,
      gridPaths: [],
      hasVariants: true,
      report: { baseline: 'w/o BN', columns: [{ metric: 'params', precision: 0, better: 'none' }], plots: false },
      command: 'npx nx run runner:report --experiment x.yaml',
    });
    expect(params.table.rows.map((r) => r.cells[0])).toEqual([
      { n: 3, mean: 1000, std: 0, constant: true, best: false },
      { n: 3, mean: 1001, std: 0, constant: true, best: false },
      { n: 3, mean: 1002, std: 0, constant: true, best: false },
    ]);
    const md = readFileSync(join(dir, 'table.md'), 'utf8');
    expect(md).toContain('| w/ BN | 1001 |');
    // No cell carries a dagger, so the note says that no difference is significant instead of defining †.
    expect(md).not.toContain('†');
    expect(md).toContain('No difference from w/o BN is significant (paired t-test over 3 seeds, p < 0.05).');
    expect(readFileSync(join(dir, 'table.tex'), 'utf8')).toContain('No difference from w/o BN is significant (paired t-test over 3 seeds, $p < 0.05$).');
    await writeReport({ name: 'bn_ablation', resultsDir: dir, trials, gridPaths: [], hasVariants: true, report: { baseline: 'w/o BN' }, description: 'BN ablation', command: 'x' });
  });

  it('draws the metric bars, learning curves, confusion matrix and radar as SVG, titled by the experiment', () => {
    expect(output.plots).toEqual(['metric_bars', 'learning_curves', 'confusion', 'radar']);
    for (const plot of output.plots) {
      const svg = readFileSync(join(dir, 'plots', `${plot}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('>BN ablation<');
    }
  });

  (hasPdfTools ? it : it.skip)(`writes each plot as a PDF with every font embedded${pdfSkipReason}`, () => {
    expect(output.notices).toEqual([]);
    for (const plot of output.plots) {
      const fonts = spawnSync('pdffonts', [join(dir, 'plots', `${plot}.pdf`)], { encoding: 'utf8' }).stdout.trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      // Columns: name, type, encoding, emb, sub, uni, object, generation.
      for (const line of fonts) expect([plot, line.trim().split(/\s+/).slice(-5)[0]]).toEqual([plot, 'yes']);
    }
  });

  it('still writes the SVGs without rsvg-convert, and says how to get the PDFs', async () => {
    const out = join(dir, 'no-converter');
    const before = process.env.ABLATE_RSVG_CONVERT;
    process.env.ABLATE_RSVG_CONVERT = join(dir, 'no-such-rsvg-convert');
    try {
      const result = await writeReport({ name: 'bn_ablation', resultsDir: dir, outDir: out, trials, gridPaths: [], hasVariants: true, report: { plots: ['metric_bars'] }, command: 'x' });
      expect(result.notices).toEqual([expect.stringContaining('rsvg-convert is not installed (apt-get install librsvg2-bin')]);
      expect(existsSync(join(out, 'plots', 'metric_bars.svg'))).toBe(true);
      expect(existsSync(join(out, 'plots', 'metric_bars.pdf'))).toBe(false);
    } finally {
      if (before === undefined) delete process.env.ABLATE_RSVG_CONVERT;
      else process.env.ABLATE_RSVG_CONVERT = before;
    }
  });

  (hasLatex ? it : it.skip)(`compiles with pdflatex${latexSkipReason}`, () => {
    const compiled = compile(CLASSES.article, '\\input{table.tex}', { 'table.tex': readFileSync(join(dir, 'table.tex'), 'utf8') });
    expect(existsSync(join(compiled.dir, 'paper.pdf'))).toBe(true);
    expect(compiled.overfull).toEqual([]);
  });
});
