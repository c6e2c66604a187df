/**
 * The table of a report, before rendering: rows (variants and/or grid points), columns (metrics),
 * and per cell the mean, standard deviation and number of seeds, whether it is the best of its
 * column, and whether it differs significantly from the baseline row (paired over seeds).
 */
import { columnWithDefaults, reportWithDefaults, TRIAL_COLUMN_REGISTRY, type ReportSpec, type ResolvedReport, type ResolvedReportColumn } from '@ablate/spec';
import type { ResultRow } from './collect';
import { groupRows, type Group } from './groups';
import { mean, pairedTTest, std, wilcoxonSignedRank, type Untestable } from './stats';

export interface Column {
  metric: string;
  label: string;
  /** Raw LaTeX for the header (report `label_tex`), instead of the escaped label. */
  labelTex?: string;
  scale: number;
  precision: number;
  format: 'fixed' | 'thousands' | 'si';
  better: 'max' | 'min' | 'none';
}

export interface Cell {
  mean?: number;
  std?: number;
  n: number;
  /** Every seed gave the same value (a parameter count, say): printed without ± 0. */
  constant?: boolean;
  best: boolean;
  /** Set when the row is compared with the baseline: p-value of the paired test. */
  p?: number;
  significant?: boolean;
  /**
   * Set instead of `p` when the paired test is undefined for this cell's seeds (the difference
   * from the baseline is the same on every seed, for the t-test; 0 on every seed, for the
   * Wilcoxon test): no dagger, a ‡ that the note under the table explains.
   */
  untestable?: Untestable;
}

export interface TableRow {
  label: string;
  baseline: boolean;
  cells: Cell[];
}

export interface Table {
  title: string;
  caption: string;
  label: string;
  rowHeader: string;
  columns: Column[];
  rows: TableRow[];
  /** rows: a row per variant/grid point; transposed: a row per column (metric). */
  layout: 'rows' | 'transposed';
  /** The LaTeX float: `table` in one column, or `table*` across the page. */
  width: 'column' | 'page';
  /** How significance was decided, when a baseline is set. */
  significance?: { test: 'paired_t' | 'wilcoxon'; alpha: number; baseline: string };
  /** Seeds per row (min..max), for the caption. */
  seeds: [number, number];
}

/** The table of a report without `columns`, by the task its results show: each column as its metric's registry entry describes it. */
const defaultColumns = (metrics: readonly string[]): Column[] =>
  metrics.map((metric) => {
    const { label, scale, precision, format, better } = columnWithDefaults({ metric });
    return { metric, label: label ?? metric, scale, precision, format, better };
  });
const CLASSIFICATION = defaultColumns(['test.oa', 'test.aa', 'test.kappa']);
const REGRESSION = defaultColumns(['test.mse', 'test.mae', 'test.psnr']);
/** image_to_image: the model's output and, for reference, its noisy input (not a result: never bold, never tested). */
const IMAGE = defaultColumns(['test.input_psnr', 'test.psnr', 'test.input_ssim', 'test.ssim']);

/**
 * The sentences under the table about the paired test, in plain text: what † means when some cell
 * has it, otherwise that no difference from the baseline reached significance; and, when some
 * cell could not be tested (‡), why.
 */
export function significanceNote(table: Table): { dagger: boolean; text: string; untested?: string } | undefined {
  if (!table.significance) return undefined;
  const { baseline, alpha } = table.significance;
  const wilcoxon = table.significance.test === 'wilcoxon';
  const test = wilcoxon ? 'Wilcoxon signed-rank test' : 'paired t-test';
  const [fewest, most] = table.seeds;
  if (most < 2) return { dagger: false, text: `One seed per row: no difference from ${baseline} is tested (a paired test needs two seeds or more).` };
  const seeds = fewest === most ? `${most} seeds` : `${fewest}-${most} seeds`;
  const untested = !table.rows.some((r) => r.cells.some((c) => c.untestable))
    ? undefined
    : wilcoxon
      ? `Not tested: equal to ${baseline} on every seed, which leaves the Wilcoxon signed-rank test no nonzero difference to rank.`
      : `Not tested: the difference from ${baseline} is the same on every seed, so its variance is 0 and the paired t-test is undefined.`;
  const withUntested = (note: { dagger: boolean; text: string }) => (untested ? { ...note, untested } : note);
  // The exact Wilcoxon test's smallest two-sided p with n pairs is 2 / 2^n: below some n it cannot reach alpha.
  const reachable = (n: number) => 2 / 2 ** n < alpha;
  if (wilcoxon && !reachable(most)) {
    let needed = most;
    while (!reachable(needed)) needed++;
    return withUntested({ dagger: false, text: `No difference from ${baseline} can be significant here: the ${test} over ${most} seeds cannot reach p < ${alpha} (its smallest p is 2/2^${most} = ${2 / 2 ** most}); it needs ${needed} seeds or more.` });
  }
  const dagger = table.rows.some((r) => r.cells.some((c) => c.significant));
  const text = dagger ? `differs from ${baseline} (${test} over ${seeds}, p < ${alpha}).` : `No difference from ${baseline} is significant (${test} over ${seeds}, p < ${alpha}).`;
  return withUntested({ dagger, text });
}

export function columnsOf(report: ResolvedReport, rows: readonly ResultRow[]): Column[] {
  if (report.columns) {
    return report.columns.map(({ metric, label, label_tex, scale, precision, format, better }: ResolvedReportColumn) => ({ metric, label: label ?? metric, ...(label_tex !== undefined ? { labelTex: label_tex } : {}), scale, precision, format, better }));
  }
  if (rows.some((r) => r.values['test.oa'] !== undefined)) return CLASSIFICATION;
  return rows.some((r) => r.values['test.ssim'] !== undefined) ? IMAGE : REGRESSION;
}

function seedValues(group: Group, metric: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of group.rows) if (r.status === 'done' && r.values[metric] !== undefined) out.set(r.trial.seed, r.values[metric]);
  return out;
}

export interface TableOptions {
  title: string;
  report?: ReportSpec;
  gridPaths: readonly string[];
  hasVariants: boolean;
  /** The label of the one row of an experiment without variants or grid (before report `name`; default: all trials). */
  name?: string;
  /** What the experiment is (its `description`), for the default caption (else `title`). */
  description?: string;
}

export function buildTable(results: readonly ResultRow[], options: TableOptions): Table {
  const report = reportWithDefaults(options.report);
  const by = report.rows ?? [...(options.hasVariants ? ['variant'] : []), ...options.gridPaths];
  const groups = groupRows(results, by, report.name ?? options.name);
  const columns = columnsOf(report, results);
  const baselineName = report.baseline;
  const { test, alpha } = report.significance;
  const isBaseline = (g: Group) => baselineName !== undefined && g.rows[0].trial.variant === baselineName;
  /** The baseline group at the same grid point as `g`. */
  const baselineFor = (g: Group) =>
    groups.find((b) => isBaseline(b) && options.gridPaths.every((p) => JSON.stringify(b.rows[0].trial.grid.find((x) => x.path === p)?.value) === JSON.stringify(g.rows[0].trial.grid.find((x) => x.path === p)?.value)));
  const rows: TableRow[] = groups.map((g) => ({
    label: g.label,
    baseline: isBaseline(g),
    cells: columns.map((c) => {
      const values = [...seedValues(g, c.metric).values()];
      const cell: Cell = { n: values.length, best: false, ...(values.length ? { mean: mean(values) * c.scale, std: std(values) * c.scale } : {}) };
      if (values.length > 1 && values.every((v) => v === values[0])) cell.constant = true;
      // Only results are tested against the baseline: not a column that is not ranked (better: none), nor a size or a time.
      const base = baselineName !== undefined && !isBaseline(g) && c.better !== 'none' && !TRIAL_COLUMN_REGISTRY.has(c.metric) ? baselineFor(g) : undefined;
      if (base) {
        const mine = seedValues(g, c.metric);
        const theirs = seedValues(base, c.metric);
        const seeds = [...mine.keys()].filter((s) => theirs.has(s));
        const x = seeds.map((s) => mine.get(s) as number);
        const y = seeds.map((s) => theirs.get(s) as number);
        const result = test === 'wilcoxon' ? wilcoxonSignedRank(x, y) : pairedTTest(x, y);
        if (result?.untestable) cell.untestable = result.untestable;
        else if (result) {
          cell.p = result.p;
          cell.significant = result.p < alpha;
        }
      }
      return cell;
    }),
  }));
  columns.forEach((c, j) => {
    if (c.better === 'none') return;
    const means = rows.map((r) => r.cells[j].mean).filter((m): m is number => m !== undefined);
    if (means.length < 2) return;
    const best = c.better === 'max' ? Math.max(...means) : Math.min(...means);
    for (const r of rows) if (r.cells[j].mean !== undefined && r.cells[j].mean!.toFixed(c.precision) === best.toFixed(c.precision)) r.cells[j].best = true;
  });
  const counts = groups.map((g) => new Set(g.rows.filter((r) => r.status === 'done').map((r) => r.trial.seed)).size);
  const seeds: [number, number] = [Math.min(...counts, Infinity), Math.max(...counts, 0)];
  const seedText = seeds[0] === seeds[1] ? `${seeds[0]} seed${seeds[0] === 1 ? '' : 's'}` : `${seeds[0]}-${seeds[1]} seeds`;
  return {
    title: options.title,
    caption: report.caption ?? `${(options.description ?? options.title).trim().replace(/\.$/, '')}: mean ${seeds[1] > 1 ? '± standard deviation ' : ''}over ${seedText}.`,
    label: report.label ?? `tab:${options.title.replace(/[^A-Za-z0-9]+/g, '-')}`,
    rowHeader: report.row_header ?? (report.layout === 'transposed' ? 'Metric' : by.length === 1 && by[0] === 'variant' ? 'Variant' : by.length === 1 ? by[0].split('.').pop()! : by.length === 0 ? 'Experiment' : 'Setting'),
    columns,
    rows,
    layout: report.layout,
    width: report.width,
    ...(baselineName !== undefined ? { significance: { test, alpha, baseline: baselineName } } : {}),
    seeds,
  };
}
