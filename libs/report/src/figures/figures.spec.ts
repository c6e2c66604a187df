/**
 * Every plot kind drawn from one fixture experiment (SYNTHETIC numbers: 3 variants, the baseline
 * written second, x 2 learning rates x 2 batch sizes x 2 seeds, each trial with a history, a
 * confusion matrix, per-class metrics and Gaussian-noise results): the vega-lite spec of each is
 * checked for its axes, titles, scales and legend order, and each renders to SVG with those texts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportWithDefaults, type ReportSpec } from '@ablate/spec';
import { collectResults, type TrialInfo } from '../collect';
import { buildTable } from '../table';
import { chooseFigures, type Figure } from './choose';
import { renderSvg } from './render';
import { wantsLogAxis } from './sensitivity';
import { PALETTE } from './style';

/** A vega-lite spec read as the plain JSON it is (JSON.parse's type). */
type Json = ReturnType<typeof JSON.parse>;

const VARIANTS = { 'Small CNN': 0.8, 'Large CNN (baseline)': 0.85, 'Large CNN + SE': 0.86 } as const;
const GRID = [
  { path: 'optimizer.lr', values: [0.0001, 0.001, 0.01] },
  { path: 'training.batch_size', values: [32, 128] },
];

function fixture(dir: string): TrialInfo[] {
  const trials: TrialInfo[] = [];
  Object.entries(VARIANTS).forEach(([variant, base], v) => {
    for (const lr of GRID[0].values) {
      for (const bs of GRID[1].values) {
        for (const seed of [1, 2]) {
          const id = `t${trials.length}`;
          const oa = base - Math.abs(Math.log10(lr) + 3) * 0.03 - (bs === 128 ? 0.01 : 0) + seed * 0.004;
          trials.push({ id, index: trials.length, variant, grid: [{ path: 'optimizer.lr', value: lr }, { path: 'training.batch_size', value: bs }], seed });
          mkdirSync(join(dir, id), { recursive: true });
          const corruptions = Object.fromEntries([20, 10, 0].map((snr) => [`gaussian_noise@snr_db=${snr}`, { oa: oa - (20 - snr) * 0.01 * (3 - v) }]));
          const per = (d: number) => [oa + d, oa - d, oa];
          writeFileSync(
            join(dir, id, 'metrics.json'),
            JSON.stringify({ status: 'done', test: { oa, aa: oa - 0.02, kappa: oa - 0.05, f1_macro: oa - 0.01 }, corruptions, test_per_class: { classes: ['cat', 'dog', 'bird'], f1: per(0.05), recall: per(0.04), precision: per(0.03) }, params: { trainable: 1000 * 10 ** v, non_trainable: 0, macs: 5000 * 10 ** v } }),
          );
          writeFileSync(join(dir, id, 'history.csv'), `epoch,train.loss,train.oa,val.loss,val.oa\n1,1.2,0.5,1.3,0.45\n2,0.8,0.7,0.9,${oa - 0.05}\n3,0.6,0.8,0.7,${oa}\n`);
          writeFileSync(join(dir, id, 'confusion.csv'), 'true \\ predicted,cat,dog,bird\ncat,8,1,1\ndog,2,7,1\nbird,0,1,9\n');
        }
      }
    }
  });
  return trials;
}

describe('figures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-figures-'));
  const trials = fixture(dir);
  const rows = collectResults(dir, trials);
  const by = ['variant', 'optimizer.lr', 'training.batch_size'];
  const figuresOf = (spec: ReportSpec, rowsBy = by) => {
    const report = reportWithDefaults({ baseline: 'Large CNN (baseline)', ...spec });
    const table = buildTable(rows, { title: 'fixture', report: { baseline: 'Large CNN (baseline)', ...spec }, gridPaths: rowsBy.filter((b) => b !== 'variant'), hasVariants: true });
    return chooseFigures({ rows, table, report, by: rowsBy, title: 'CNNs on a fixture', folders: true }).figures;
  };
  const named = (figures: Figure[], name: string) => {
    const f = figures.find((x) => x.name === name);
    if (!f) throw new Error(`no figure ${name} in ${figures.map((x) => x.name).join(', ')}`);
    return f.spec as unknown as Json;
  };
  /** Every encoding of every layer (and concatenated panel) of a spec. */
  const encodings = (spec: Json): Array<Json> => [spec, ...(spec.layer ?? []), ...(spec.vconcat ?? []), ...(spec.hconcat ?? [])].flatMap((s) => (s === spec ? [s.encoding ?? {}] : [s.encoding ?? {}, ...encodings(s).slice(1)])).filter((e) => Object.keys(e).length);
  const colours = (spec: Json) => encodings(spec).map((e) => e.color?.scale?.domain).filter(Boolean);
  const columns = [
    { metric: 'test.oa', label: 'OA (%)', scale: 100 },
    { metric: 'test.aa', label: 'AA (%)', scale: 100 },
    { metric: 'test.kappa', label: 'Kappa (%)', scale: 100 },
  ];

  const all = figuresOf(
    {
      rows: ['variant'],
      columns,
      plots: ['metric_bars', 'learning_curves', 'confusion', { type: 'per_class', measure: 'recall' }, 'robustness', 'radar', { type: 'scatter', x: 'macs' }],
    },
    ['variant'],
  );
  const order = ['Large CNN (baseline)', 'Small CNN', 'Large CNN + SE'];

  it('gives every figure the experiment as title and the rows in the experiment order, baseline first, in the Okabe-Ito colours', () => {
    expect(all.map((f) => f.name)).toEqual(['metric_bars', 'learning_curves', 'confusion', 'per_class', 'robustness', 'radar', 'scatter']);
    for (const f of all) {
      const spec = f.spec as unknown as Json;
      expect(spec.title.text).toEqual(['CNNs on a fixture']);
      for (const domain of colours(spec)) if (f.name !== 'confusion') expect(domain).toEqual(order);
    }
    expect(encodings(named(all, 'per_class')).find((e) => e.color)?.color.scale.range).toEqual(PALETTE);
  });

  it('bars: the table scale (%), a y axis starting near the data and said so, the value above the error bar', () => {
    const bars = named(all, 'metric_bars');
    const [bar, errorbar, text] = bars.layer;
    expect(bar.encoding.x.sort).toEqual(order);
    expect(bar.encoding.y.title).toBe('OA (%)');
    const [start, end] = bar.encoding.y.scale.domain;
    const means = bars.data.values.map((v: { mean: number }) => v.mean);
    expect(Math.min(...means)).toBeGreaterThan(50);
    expect(start).toBeGreaterThan(50);
    expect(start).toBeLessThan(Math.min(...bars.data.values.map((v: { low: number }) => v.low)));
    expect(end).toBeGreaterThan(Math.max(...bars.data.values.map((v: { high: number }) => v.high)));
    expect(bars.title.subtitle.join(' ')).toContain(`y axis from ${start}, not 0`);
    expect(errorbar.encoding.y2.field).toBe('high');
    expect([text.encoding.y.field, text.mark.baseline]).toEqual(['high', 'bottom']);
  });

  it('bars: an accuracy says its chance level (1 / 3 classes), off this axis, in the subtitle', () => {
    const bars = named(all, 'metric_bars');
    expect(bars.title.subtitle.join(' ')).toContain('chance 33.33');
    expect(bars.layer.some((l: Json) => l.mark?.type === 'rule')).toBe(false);
  });

  it('bars: a chance line, labelled, where it falls on the axis; none for a metric without a chance level', () => {
    const near = [{ metric: 'test.oa', label: 'OA (%)', scale: 100 }];
    const low = collectResults(dir, trials).map((r) => ({ ...r, values: { ...r.values, 'test.oa': 0.3 + (r.trial.seed - 1.5) * 0.2 } }));
    const report = reportWithDefaults({ columns: near, plots: ['metric_bars'] });
    const table = buildTable(low, { title: 'fixture', report: { columns: near }, gridPaths: [], hasVariants: true });
    const bars = chooseFigures({ rows: low, table, report, by: ['variant'], title: 'Low accuracy', folders: true }).figures[0].spec as unknown as Json;
    const rule = bars.layer.find((l: Json) => l.mark?.type === 'rule');
    expect(rule?.data.values).toEqual([{ chance: expect.closeTo(100 / 3, 6) }]);
    expect(bars.layer.find((l: Json) => l.mark?.type === 'text' && l.data)?.data.values[0].label).toBe('chance (1/3)');
    const kappa = named(figuresOf({ rows: ['variant'], columns: [{ metric: 'test.kappa', label: 'Kappa (%)', scale: 100 }], plots: ['metric_bars'] }, ['variant']), 'metric_bars');
    expect(kappa.title.subtitle.join(' ')).not.toContain('chance');
  });

  it('bars: with one seed, no error bar and the value on the bar; figure_titles: false leaves the title to the caption', () => {
    const one = rows.filter((r) => r.trial.seed === 1);
    const report = reportWithDefaults({ columns, plots: ['metric_bars'], figure_titles: false });
    const table = buildTable(one, { title: 'fixture', report: { columns }, gridPaths: [], hasVariants: true });
    const bars = chooseFigures({ rows: one, table, report, by: ['variant'], title: 'One seed', folders: true }).figures[0].spec as unknown as Json;
    expect(bars.layer.map((l: Json) => l.mark.type)).toEqual(['bar', 'text']);
    expect(bars.layer[1].encoding.y.field).toBe('mean');
    expect(bars.title).toBeUndefined();
  });

  it('learning curves: loss and the metric in %, integer epochs, training dashed and validation solid', () => {
    const curves = named(all, 'learning_curves');
    const lines = curves.vconcat.map((p: Json) => p.layer[1].encoding);
    expect(lines.map((e: Json) => e.y.title)).toEqual(['Loss', 'OA (%)']);
    expect(lines[1].x.axis).toEqual({ values: [1, 2, 3], format: 'd' });
    expect(lines[1].strokeDash.scale.domain).toEqual(['Training', 'Validation']);
    const oa = curves.data.values.filter((v: Json) => v.panel === 'oa' && v.split === 'Training' && v.epoch === 3);
    expect(oa[0].mean).toBeCloseTo(80, 10);
  });

  it('a transposed table (columns are levels: Clean, 30 dB) names the metric on the axes, not a level', () => {
    const transposed = figuresOf({ layout: 'transposed', columns: [{ metric: 'test.oa', label: 'Clean', scale: 100 }, { metric: 'test.aa', label: '30 dB', scale: 100 }], plots: ['learning_curves'] });
    const lines = named(transposed, 'learning_curves').vconcat.map((p: Json) => p.layer[1].encoding);
    expect(lines.map((e: Json) => e.y.title)).toEqual(['Loss', 'OA (%)']);
  });

  it('robustness: the metric against SNR, one line per row, the clean value dashed', () => {
    const curve = named(all, 'robustness');
    const line = curve.layer[1];
    expect(line.encoding.x.title).toBe('SNR (dB)');
    expect(line.encoding.x.axis.values).toEqual([0, 10, 20]);
    expect(line.encoding.y.title).toBe('OA (%)');
    expect(curve.layer[2].mark.strokeDash).toEqual([4, 3]);
    expect(new Set(line.data.values.map((v: Json) => v.series))).toEqual(new Set(order));
  });

  it('per-class bars, radar, scatter and confusion: their axes and labels', () => {
    const perClass = named(all, 'per_class').layer[0].encoding;
    expect([perClass.x.sort, perClass.y.title, perClass.xOffset.sort]).toEqual([['cat', 'dog', 'bird'], 'Recall (%)', order]);
    const radar = named(all, 'radar');
    const labels = radar.layer.filter((l: Json) => l.encoding.text?.field === 'label').flatMap((l: Json) => l.data.values.map((v: Json) => v.label));
    expect(labels.sort()).toEqual(['AA (%)', 'Kappa (%)', 'OA (%)']);
    expect(radar.title.subtitle.join(' ')).toMatch(/radius from [\d.]+ at the centre to [\d.]+/);
    const scatter = named(all, 'scatter').layer.find((l: Json) => l.mark.type === 'point').encoding;
    expect([scatter.x.title, scatter.x.scale.type, scatter.y.title]).toEqual(['Multiply-accumulates (MACs)', 'log', 'OA (%)']);
    const confusion = named(all, 'confusion');
    expect([confusion.encoding.x.title, confusion.encoding.y.title, confusion.encoding.x.sort]).toEqual(['Predicted class', 'True class', ['cat', 'dog', 'bird']]);
  });

  it('sensitivity: a line per other setting against a grid path (log axis over decades), a heat map over two', () => {
    const figures = figuresOf({ columns, plots: [{ type: 'sensitivity', grid: ['optimizer.lr'] }, { type: 'sensitivity', grid: ['optimizer.lr', 'training.batch_size'] }] });
    const line = named(figures, 'sensitivity_optimizer-lr').layer[1].encoding;
    expect([line.x.title, line.x.scale.type, line.x.axis.values, line.y.title]).toEqual(['optimizer.lr', 'log', [0.0001, 0.001, 0.01], 'OA (%)']);
    expect(line.color.scale.domain).toEqual(['Large CNN (baseline), batch_size=32', 'Large CNN (baseline), batch_size=128', 'Small CNN, batch_size=32', 'Small CNN, batch_size=128', 'Large CNN + SE, batch_size=32', 'Large CNN + SE, batch_size=128']);
    const maps = figures.filter((f) => f.name.startsWith('sensitivity_optimizer-lr_training-batch-size'));
    expect(maps.map((m) => m.name)).toEqual(['sensitivity_optimizer-lr_training-batch-size_small-cnn', 'sensitivity_optimizer-lr_training-batch-size_large-cnn-baseline', 'sensitivity_optimizer-lr_training-batch-size_large-cnn-se']);
    const map = maps[0].spec as unknown as Json;
    expect([map.encoding.x.title, map.encoding.x.sort, map.encoding.y.title, map.encoding.y.sort]).toEqual(['optimizer.lr', ['0.0001', '0.001', '0.01'], 'training.batch_size', ['128', '32']]);
  });

  it('sensitivity: the axis titles from `labels`; a log axis for a grid evenly spaced on one', () => {
    const figures = figuresOf({ columns, plots: [{ type: 'sensitivity', grid: ['optimizer.lr'], labels: ['learning rate'] }, { type: 'sensitivity', grid: ['optimizer.lr', 'training.batch_size'], labels: ['learning rate', 'batch size'] }] });
    expect(named(figures, 'sensitivity_optimizer-lr').layer[1].encoding.x.title).toBe('learning rate');
    const map = figures.find((f) => f.name.startsWith('sensitivity_optimizer-lr_training-batch-size'))?.spec as unknown as Json;
    expect([map.encoding.x.title, map.encoding.y.title]).toEqual(['learning rate', 'batch size']);
    // 3e-4 .. 1e-2 spans less than two decades but is a geometric grid: log; 1..4 and 0.1..0.5 are linear.
    expect([wantsLogAxis([0.0003, 0.001, 0.003, 0.01]), wantsLogAxis([32, 100, 300]), wantsLogAxis([1, 2, 3, 4]), wantsLogAxis([0.1, 0.2, 0.3, 0.4, 0.5]), wantsLogAxis([1, 10]), wantsLogAxis([1, 100])]).toEqual([true, true, false, false, false, true]);
  });

  it('draws by default the kinds the results allow', () => {
    const names = figuresOf({ columns }).map((f) => f.name);
    expect(names).toEqual(['metric_bars', 'learning_curves', 'confusion', 'per_class', 'robustness', 'sensitivity_optimizer-lr', 'sensitivity_training-batch-size', 'radar', 'scatter']);
  });

  it('renders every kind to an SVG of one column with its titles, 3.5 in wide', async () => {
    for (const f of all) {
      const svg = await renderSvg(f.spec);
      const width = Number(/^<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
      // The name in the comparison says which figure is off.
      expect([f.name, width <= 336 && width > 300]).toEqual([f.name, true]);
      expect(svg).toContain('CNNs on a fixture');
    }
    expect(await renderSvg(all[0].spec)).toContain('OA (%)');
  });
});
