/**
 * Cells the paired test cannot be run on, in the table and in its LaTeX and Markdown renderings
 * (SYNTHETIC results of 3 variants x 3 seeds): a variant exactly 1.0 dB above the baseline on every
 * seed has differences without variance, where a t-test is undefined (scipy.stats.ttest_rel
 * returns t = inf, p = 0), so it gets no dagger but a ‡ and a note saying why.
 */
import type { ReportSpec } from '@ablate/spec';
import type { ResultRow } from './collect';
import { latexTable } from './latex';
import { markdownTable } from './markdown';
import { buildTable } from './table';
import { CLASSES, compile, hasLatex, latexSkipReason } from './testing/latex';


const BASELINE = [30.1, 29.8, 30.4];

function results(variants: Record<string, number[]>): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const [variant, psnrs] of Object.entries(variants)) {
    psnrs.forEach((psnr, seed) => rows.push({ trial: { id: `${variant}-${seed}`, index: rows.length, variant, grid: [], seed }, status: 'done', values: { 'test.psnr': psnr }, dir: '' }));
  }
  return rows;
}

const columns: ReportSpec['columns'] = [{ metric: 'test.psnr', label: 'PSNR (dB)', better: 'max' }];

describe('a difference that is the same on every seed', () => {
  const variants = {
    'w/o BN': BASELINE,
    // Exactly 1.0 dB above the baseline on every seed, written as the decimals a metrics.json holds.
    'w/ BN': [31.1, 30.8, 31.4],
    // 1.2, 1.3 and 1.1 dB above: a paired t-test gives p = 0.0023 (scipy.stats.ttest_rel).
    'w/ SE': [31.3, 31.1, 31.5],
  };
  const table = buildTable(results(variants), { title: 'psnr', report: { baseline: 'w/o BN', columns }, gridPaths: [], hasVariants: true });

  it('is not tested by the paired t-test: no p-value and no dagger', () => {
    const [base, constant, varying] = table.rows.map((r) => r.cells[0]);
    expect(base).toEqual({ n: 3, mean: expect.closeTo(30.1, 12), std: expect.closeTo(0.3, 12), best: false });
    expect(constant).toEqual({ n: 3, mean: expect.closeTo(31.1, 12), std: expect.closeTo(0.3, 12), best: false, untestable: 'zero_variance' });
    expect(varying.p).toBeCloseTo(0.0023068, 6);
    expect([varying.significant, varying.best, varying.untestable]).toEqual([true, true, undefined]);
  });

  it('shows a ‡ in Markdown, with the reason under the table', () => {
    const md = markdownTable(table);
    expect(md).toContain('| w/o BN (baseline) | 30.10 ± 0.30 |');
    expect(md).toContain('| w/ BN | 31.10 ± 0.30 ‡ |');
    expect(md).toContain('| w/ SE | **31.30 ± 0.20** † |');
    expect(md).toContain(
      '\n\n† differs from w/o BN (paired t-test over 3 seeds, p < 0.05).\n\n‡ Not tested: the difference from w/o BN is the same on every seed, so its variance is 0 and the paired t-test is undefined.\n',
    );
  });

  it('shows a double dagger in LaTeX, with the reason under the table', () => {
    const tex = latexTable(table, 'test');
    expect(tex).toContain('    w/ BN & 31.10 \\pm 0.30{\\textsuperscript{\\ddag}} \\\\');
    expect(tex).toContain('    w/ SE & \\bfseries 31.30 \\pm 0.20{\\textsuperscript{\\dag}} \\\\');
    expect(tex).toContain(
      '  \\par\\smallskip{\\footnotesize $^\\dagger$ differs from w/o BN (paired t-test over 3 seeds, $p < 0.05$).}\n  \\par{\\footnotesize $^\\ddagger$ Not tested: the difference from w/o BN is the same on every seed, so its variance is 0 and the paired t-test is undefined.}\n\\end{table}',
    );
  });

  it('is tested by the Wilcoxon test (p = 2 / 2^3), which only a row equal to the baseline on every seed escapes', () => {
    const wilcoxon = buildTable(results({ ...variants, 'w/ BN, frozen': BASELINE }), {
      title: 'psnr',
      report: { baseline: 'w/o BN', columns, significance: { test: 'wilcoxon' } },
      gridPaths: [],
      hasVariants: true,
    });
    const cells = wilcoxon.rows.map((r) => r.cells[0]);
    expect(cells.map((c) => [c.p, c.significant, c.untestable])).toEqual([
      [undefined, undefined, undefined],
      [0.25, false, undefined],
      [0.25, false, undefined],
      [undefined, undefined, 'no_difference'],
    ]);
    const md = markdownTable(wilcoxon);
    expect(md).toContain('| w/ BN, frozen | 30.10 ± 0.30 ‡ |');
    expect(md).toContain('No difference from w/o BN can be significant here: the Wilcoxon signed-rank test over 3 seeds cannot reach p < 0.05 (its smallest p is 2/2^3 = 0.25); it needs 6 seeds or more.\n\n‡ Not tested: equal to w/o BN on every seed, which leaves the Wilcoxon signed-rank test no nonzero difference to rank.\n');
    expect(latexTable(wilcoxon, 'test')).toContain('\\par{\\footnotesize $^\\ddagger$ Not tested: equal to w/o BN on every seed');
  });

  it('adds no ‡ and no note where every cell was tested', () => {
    const tested = buildTable(results({ 'w/o BN': BASELINE, 'w/ SE': variants['w/ SE'] }), { title: 'psnr', report: { baseline: 'w/o BN', columns }, gridPaths: [], hasVariants: true });
    expect(markdownTable(tested)).not.toContain('‡');
    expect(latexTable(tested, 'test')).not.toContain('ddagger');
  });

  (hasLatex ? it : it.skip)(`compiles with pdflatex, the marks taking no more room than the column reserves${latexSkipReason}`, () => {
    expect(compile(CLASSES.IEEEtran, '\\input{table.tex}', { 'table.tex': latexTable(table, 'test') }).overfull).toEqual([]);
  });
});

describe('columns that do not say which way is better', () => {
  // SYNTHETIC results: 'small' has the lowest error, the fewest parameters and the shortest training.
  const values: Record<string, Record<string, number>> = {
    big: { 'test.mse': 0.02, params: 5000, train_seconds: 90 },
    small: { 'test.mse': 0.01, params: 1000, train_seconds: 30 },
  };
  const rows: ResultRow[] = Object.entries(values).flatMap(([variant, v]) =>
    [0, 1, 2].map((seed) => ({ trial: { id: `${variant}-${seed}`, index: seed, variant, grid: [], seed }, status: 'done' as const, values: { ...v, train_seconds: v.train_seconds + seed }, dir: '' })),
  );
  const table = buildTable(rows, { title: 'costs', report: { baseline: 'big', columns: [{ metric: 'test.mse' }, { metric: 'params' }, { metric: 'train_seconds' }] }, gridPaths: [], hasVariants: true });

  it('take the direction of their metric: the lowest error, the smallest model and the fastest training are bold', () => {
    expect(table.columns.map((c) => [c.label, c.better])).toEqual([
      ['MSE', 'min'],
      ['Params', 'min'],
      ['Training time (s)', 'min'],
    ]);
    expect(table.rows.map((r) => [r.label, r.cells.map((c) => c.best)])).toEqual([
      ['big', [false, false, false]],
      ['small', [true, true, true]],
    ]);
  });

  it('test only results against the baseline, never a size or a time', () => {
    const small = table.rows[1].cells;
    expect(small[0].untestable).toBe('zero_variance');
    expect([small[1].p, small[1].untestable, small[2].p, small[2].untestable]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('the note under a table at small n', () => {
  const one = results({ 'w/o BN': [30.1], 'w/ BN': [31.1] });
  const two = results({ 'w/o BN': [30.1, 29.8], 'w/ BN': [31.1, 29.9] });
  const note = (rows: ResultRow[], test: 'paired_t' | 'wilcoxon' = 'paired_t') => markdownTable(buildTable(rows, { title: 'psnr', report: { baseline: 'w/o BN', columns, significance: { test } }, gridPaths: [], hasVariants: true })).split('\n\n').slice(2).join('\n\n');

  it('makes no significance claim with one seed', () => {
    expect(note(one)).toBe('One seed per row: no difference from w/o BN is tested (a paired test needs two seeds or more).\n');
    expect(note(one, 'wilcoxon')).toBe('One seed per row: no difference from w/o BN is tested (a paired test needs two seeds or more).\n');
  });

  it('says how many seeds the test had, and when the test cannot reach p < alpha at that n', () => {
    expect(note(two)).toBe('No difference from w/o BN is significant (paired t-test over 2 seeds, p < 0.05).\n');
    expect(note(two, 'wilcoxon')).toBe('No difference from w/o BN can be significant here: the Wilcoxon signed-rank test over 2 seeds cannot reach p < 0.05 (its smallest p is 2/2^2 = 0.5); it needs 6 seeds or more.\n');
  });
});
