/**
 * The tables as a paper takes them (SYNTHETIC results of 3 variants x 3 seeds): per-column number
 * formats, raw LaTeX headers, the transposed layout, the bare tabular, and a table too wide for a
 * column that table.tex scales down to it (or spreads across the page with width: page) so that
 * pdflatex reports no overfull box in any class.
 */
import type { ReportSpec } from '@ablate/spec';
import type { ResultRow } from './collect';
import { latexTable, tabularTex } from './latex';
import { markdownTable } from './markdown';
import { buildTable } from './table';
import { CLASSES, compile, hasLatex, latexSkipReason } from './testing/latex';

const MODELS = { 'Small CNN': [0.7352, 45958, 341400], MobileNetV1: [0.7795, 3216650, 45764608], MobileNetV2: [0.8231, 2236106, 87386624] } as const;

function results(): ResultRow[] {
  const rows: ResultRow[] = [];
  Object.entries(MODELS).forEach(([variant, [oa, params, macs]], i) => {
    [0.01, -0.01, 0].forEach((d, seed) => rows.push({ trial: { id: `${variant}-${seed}`, index: rows.length, variant, grid: [], seed }, status: 'done', values: { 'test.oa': oa + d, 'test.kappa': oa + d - 0.05, params, macs, train_seconds: 1200 + 1000 * i + 100 * d }, dir: '' }));
  });
  return rows;
}

const columns: NonNullable<ReportSpec['columns']> = [
  { metric: 'test.oa', label: 'OA (%)', scale: 100 },
  { metric: 'test.kappa', label: 'kappa (%)', label_tex: '$\\kappa$ (\\%)', scale: 100 },
  { metric: 'params', label: 'Params', precision: 0, format: 'thousands', better: 'none' },
  { metric: 'macs', label: 'MACs', precision: 2, format: 'si', better: 'none' },
  { metric: 'train_seconds', label: 'Time (s)', precision: 1, format: 'thousands', better: 'min' },
];
const table = (report: ReportSpec = {}) => buildTable(results(), { title: 'models', report: { columns, ...report }, gridPaths: [], hasVariants: true });

describe('a table for a paper', () => {
  it('groups thousands or uses SI prefixes per column, the same in Markdown as in LaTeX', () => {
    const md = markdownTable(table());
    expect(md).toContain('| Variant | OA (%) | kappa (%) | Params | MACs | Time (s) |');
    expect(md).toContain('| Small CNN | 73.52 ± 1.00 | 68.52 ± 1.00 | 45,958 | 341.40 k | **1,200.0 ± 1.0** |');
    expect(md).toContain('| MobileNetV2 | **82.31 ± 1.00** | **77.31 ± 1.00** | 2,236,106 | 87.39 M | 3,200.0 ± 1.0 |');
    const tex = latexTable(table(), 'test');
    // siunitx groups the digits of a thousands column with commas; an SI cell carries its prefix after the number.
    expect(tex).toContain('S[table-format=7, group-separator={,}, group-minimum-digits=4');
    expect(tex).toContain('    Small CNN & 73.52 \\pm 1.00 & 68.52 \\pm 1.00 & 45958 & 341.40{\\,k} & \\bfseries 1200.0 \\pm 1.0 \\\\');
    expect(tex).toContain('S[table-format=3.2{\\,M}, group-digits=none');
  });

  it('writes label_tex as it is and escapes label', () => {
    const tex = latexTable(table(), 'test');
    expect(tex).toContain('Variant & {OA (\\%)} & {$\\kappa$ (\\%)} & {Params} & {MACs} & {Time (s)} \\\\');
    expect(markdownTable(table())).not.toContain('kappa$');
  });

  it('transposes: a row per metric, a column per variant, the best of each metric still in bold', () => {
    const t = table({ layout: 'transposed', row_header: 'Metric' });
    const md = markdownTable(t);
    expect(md).toContain('| Metric | Small CNN | MobileNetV1 | MobileNetV2 |');
    expect(md).toContain('| OA (%) | 73.52 ± 1.00 | 77.95 ± 1.00 | **82.31 ± 1.00** |');
    expect(md).toContain('| MACs | 341.40 k | 45.76 M | 87.39 M |');
    expect(latexTable(t, 'test')).toContain('    $\\kappa$ (\\%) & 68.52 \\pm 1.00 & 72.95 \\pm 1.00 & \\bfseries 77.31 \\pm 1.00 \\\\');
  });

  it('writes the bare tabular in tabular.tex: no float, no caption command, the caption and notes as comments', () => {
    const tabular = tabularTex(table({ baseline: 'Small CNN' }), 'test');
    expect(tabular).not.toMatch(/\\begin\{table|\\caption|\\label/);
    expect(tabular).toMatch(/^% Caption: models: mean \$\\pm\$ standard deviation over 3 seeds\.$/m);
    // Every variant differs from the baseline by the same amount on every seed: not testable (‡).
    expect(tabular).toMatch(/^% Note: No difference from Small CNN is significant/m);
    expect(tabular).toMatch(/^% Note: \$\^\\ddagger\$ Not tested/m);
    expect(tabular.trim().endsWith('\\end{tabular}')).toBe(true);
  });

  it('says which packages it needs', () => {
    expect(latexTable(table(), 'test')).toContain('% Needs \\usepackage{booktabs,siunitx,graphicx}');
    expect(tabularTex(table(), 'test')).toContain('% Needs \\usepackage{booktabs,siunitx}');
  });

  const wide = (report: ReportSpec) =>
    buildTable(results(), { title: 'wide', report: { columns: [...columns, ...columns.map((c) => ({ ...c, label: `${c.label} again, a long header` }))], ...report }, gridPaths: [], hasVariants: true });

  (hasLatex ? it : it.skip)(`fits a table twice as wide as a column into it, in every class, without an overfull box${latexSkipReason}`, () => {
    for (const documentClass of Object.values(CLASSES)) {
      const compiled = compile(documentClass, '\\input{table.tex}', { 'table.tex': latexTable(wide({}), 'test') });
      expect(compiled.overfull).toEqual([]);
    }
  });

  (hasLatex ? it : it.skip)(`puts a table with width: page across both columns (table*), within \\textwidth${latexSkipReason}`, () => {
    const tex = latexTable(wide({ width: 'page' }), 'test');
    expect(tex).toContain('\\begin{table*}[t]');
    expect(tex).toContain('\\ifdim\\wd0>\\textwidth\\resizebox{\\textwidth}{!}{\\box0}\\else\\box0\\fi');
    expect(compile(CLASSES.IEEEtran, '\\input{table.tex}\nText.', { 'table.tex': tex }).overfull).toEqual([]);
  });

  (hasLatex ? it : it.skip)(`reserves room for every cell: a table that fits is not scaled, and no cell sticks out of its column${latexSkipReason}`, () => {
    const compiled = compile(CLASSES.article, '\\input{table.tex}', { 'table.tex': latexTable(table({ columns: columns.slice(0, 3) }), 'test').replace('\\else\\box0\\fi', '\\else\\typeout{natural width}\\copy0\\fi') });
    expect(compiled.log).toContain('natural width');
    expect(compiled.overfull).toEqual([]);
  });
});
