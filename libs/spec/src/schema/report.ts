/** `report:` which tables and plots the experiment ends with. */
import { Type } from '@sinclair/typebox';
import { bool, choice, closed, int, num, text } from './primitives';
import { taggedUnion } from './tagged-union';

export const ColumnSchema = closed(
  {
    metric: text({ description: 'A results column, e.g. test.oa, test.kappa, params, train_seconds.' }),
    label: Type.Optional(text({ description: "Header text, escaped for LaTeX. Default: the metric's label with its unit, e.g. OA (%), PSNR (dB), Training time (s)." })),
    label_tex: Type.Optional(text({ description: 'Header as raw LaTeX for table.tex and tabular.tex, e.g. "$\\kappa$ (\\%)"; table.md keeps `label`.' })),
    scale: Type.Optional(num({ description: 'Multiply before printing (100 for percent). Default: 100 for accuracies, kappa, F1, precision and recall; 1 for the rest.' })),
    precision: Type.Optional(int({ minimum: 0, maximum: 10, description: "Decimals. Default: the metric's (2 for percentages and PSNR, 4 for losses, errors and SSIM)." })),
    format: Type.Optional(
      choice(['fixed', 'thousands', 'si'] as const, {
        description: 'fixed: 45764608; thousands: 45,764,608; si: 45.76 M (k, M, G, T; `precision` decimals after the prefix). Default: fixed.',
      }),
    ),
    better: Type.Optional(
      choice(['max', 'min', 'none'] as const, {
        description:
          "Which mean is best (bold, and compared with the baseline): max, min, or none (neither). Default: the metric's direction: max for accuracies, kappa, F1, PSNR, SSIM, R²; min for losses, errors, parameters, MACs and times; none for epochs and the noisy-input references.",
      }),
    ),
  },
  { title: 'report column' },
);

const metric = (description: string) => Type.Optional(text({ description: `${description} A results column, e.g. test.oa, val.f1_macro, test.psnr.` }));

/** The plots a report can draw; each figure is written as plots/<kind>.svg and .pdf. */
export const PLOT_CATALOG = {
  metric_bars: closed({ metric: metric('The metric of the bars (default: the first column of the table).') }, { description: 'One bar per row (variant/grid point): mean with an error bar of one std over seeds, the y axis starting near the data.' }),
  learning_curves: closed({}, { description: "Loss and the main metric per epoch, training dashed and validation solid, one colour per row, a band of one std over seeds (from each trial's history.csv)." }),
  confusion: closed({}, { description: 'Confusion matrix of the best row, summed over its seeds, each true class normalised (from confusion.csv).' }),
  per_class: closed(
    { measure: Type.Optional(choice(['f1', 'recall', 'precision'] as const, { default: 'f1', description: 'f1, recall (the per-class accuracy) or precision.' })) },
    { description: "Per-class F1 (or recall, precision) on the test set, grouped bars per class, one colour per row (from metrics.json's test_per_class)." },
  ),
  robustness: closed(
    { metric: Type.Optional(text({ default: 'oa', description: 'The metric name under each corruption (oa, aa, kappa, f1_macro, psnr, ...).' })) },
    { description: 'The metric against the corruption level of every evaluation.corruptions entry, one line per row, a band of one std over seeds, the clean test value dashed.' },
  ),
  sensitivity: closed(
    {
      grid: Type.Array(text(), { minItems: 1, maxItems: 2, description: 'One grid path: the metric against its values, one line per other row setting; two: a heat map over both.' }),
      metric: metric('The metric (default: the first column of the table).'),
      labels: Type.Optional(Type.Array(text(), { minItems: 1, maxItems: 2, description: 'Axis titles of the grid paths, in the order of `grid` (e.g. [learning rate, batch size]; default: the paths).' })),
    },
    { description: 'How the metric depends on grid values.' },
  ),
  radar: closed(
    { metrics: Type.Optional(Type.Array(text(), { minItems: 3, description: 'Three or more results columns on one scale (default: the columns of the table that share the first one\'s scale).' })) },
    { description: 'One polygon per row over several metrics, the radius starting near the data.' },
  ),
  scatter: closed(
    {
      x: Type.Optional(choice(['params', 'macs'] as const, { default: 'params', description: 'Trainable parameters or multiply-accumulates.' })),
      metric: metric('The y axis (default: the first column of the table).'),
    },
    { description: 'The metric against model size, one labelled point per row with an error bar over seeds (log x axis when sizes span 10x or more).' },
  ),
  classification_map: closed(
    {
      pixels: Type.Optional(
        choice(['all', 'labelled'] as const, {
          default: 'all',
          description: 'all: the prediction of every pixel of the scene, as papers show it. labelled: only where the ground truth has a class, the rest black as in the ground truth.',
        }),
      ),
      colours: Type.Optional(
        Type.Array(Type.Unsafe<string>({ type: 'string', pattern: '^#[0-9A-Fa-f]{6}$' }), {
          minItems: 1,
          description: 'One colour per class in class order, e.g. ["#009E73", "#0072B2"] (default: a fixed categorical palette, Okabe-Ito then Kelly). Black is the unlabelled background.',
        }),
      ),
    },
    {
      description:
        "Hyperspectral scenes: the ground truth beside each row's predicted map of the whole scene (the trial with the median main metric over its seeds), one colour per class with a legend in class order, unlabelled pixels black; PNG, PDF and SVG (from each trial's prediction_map.npy and ground_truth_map.npy).",
    },
  ),
  architecture: closed(
    {
      level: Type.Optional(choice(['layers', 'blocks'] as const, { default: 'blocks', description: 'layers: every layer, block calls framed; blocks: each block call one box.' })),
      direction: Type.Optional(choice(['TB', 'LR'] as const, { default: 'TB', description: 'Top to bottom, or left to right.' })),
      params: Type.Optional(bool({ default: false, description: "A line with each box's parameters." })),
    },
    {
      description:
        "The architecture of each row's model (one figure per distinct model), drawn from a trial's graph.json: repeated block calls built alike folded into one, ×N; branches and merges as branches; tensor shapes on the edges; wrapped into columns when longer than a page (SVG, PDF). `ablate figure` draws the same with more options, and TikZ and draw.io.",
    },
  ),
  feature_maps: closed(
    {
      layer: Type.Optional(text({ description: 'The layer, by the name `summary` gives it (default: the first convolution).' })),
      examples: Type.Optional(Type.Union([int({ minimum: 1 }), Type.Array(int({ minimum: 0 }), { minItems: 1 })], { default: 4, description: 'Test examples: how many from the start of the test part, or their positions in it.' })),
      channels: Type.Optional(int({ minimum: 1, default: 8, description: 'Channels shown per example (the first ones).' })),
    },
    { description: "What a layer of each row's trained network sees: its feature maps for chosen test examples, one row of maps per example beside its input image, each map scaled to its own range (from the saved model of the row's first seed; written to the trial folder as inspect-feature_maps.json)." },
  ),
  embedding: closed(
    {
      layer: Type.Optional(text({ description: 'The layer whose output is embedded (default: the features the last layer takes).' })),
      points: Type.Optional(int({ minimum: 10, default: 1000, description: 'Test examples embedded (a sample from the trial seed when the test part has more).' })),
    },
    { description: "The penultimate features of the test set in 2-D by UMAP (umap-js, seeded), one colour per true class: how well each row's trained network separates the classes." },
  ),
  grad_cam: closed(
    {
      layer: Type.Optional(text({ description: 'The layer whose maps are weighted (default: the last convolution).' })),
      examples: Type.Optional(Type.Union([int({ minimum: 1 }), Type.Array(int({ minimum: 0 }), { minItems: 1 })], { default: 6, description: 'Test examples: how many from the start of the test part, or their positions in it.' })),
    },
    { description: 'Grad-CAM (Selvaraju et al. 2017) of the predicted class over chosen test images: where each row\'s trained network looks, as a heat map over the image, with the true and predicted class.' },
  ),
};
export type PlotKind = keyof typeof PLOT_CATALOG;
export const PLOT_KINDS = Object.keys(PLOT_CATALOG) as PlotKind[];
export const PlotSchema = taggedUnion('plot', PLOT_CATALOG);

export const ReportSchema = closed(
  {
    rows: Type.Optional(
      Type.Array(text(), {
        minItems: 1,
        description: 'What distinguishes rows: `variant` and/or grid paths. Default: variant and every grid path.',
      }),
    ),
    columns: Type.Optional(Type.Array(ColumnSchema, { minItems: 1 })),
    caption: Type.Optional(text()),
    label: Type.Optional(text({ description: 'LaTeX \\label, e.g. tab:ablation.' })),
    name: Type.Optional(
      text({ description: "The experiment's name in tables: the row of an experiment without variants or grid, and the start of its rows in a comparison over several files. Default: `description`, else the file name." }),
    ),
    row_header: Type.Optional(text({ description: 'Header of the first column. Default: Variant, the grid path, Setting, or Metric (transposed).' })),
    layout: Type.Optional(
      choice(['rows', 'transposed'] as const, {
        default: 'rows',
        description: 'rows: one row per variant/grid point, one column per metric. transposed: one row per metric (e.g. per noise level), one column per variant/grid point; for many columns and few rows.',
      }),
    ),
    width: Type.Optional(
      choice(['column', 'page'] as const, {
        default: 'column',
        description: 'column: table.tex is a `table` float, scaled down to \\columnwidth only if wider. page: a `table*` float across both columns of a two-column paper, scaled down to \\textwidth only if wider.',
      }),
    ),
    baseline: Type.Optional(text({ description: 'Row compared against in the significance test (a variant name).' })),
    significance: Type.Optional(
      closed({
        test: Type.Optional(choice(['paired_t', 'wilcoxon'] as const, { default: 'paired_t' })),
        alpha: Type.Optional(num({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.05 })),
      }, { title: 'significance test', description: 'How rows are compared with the baseline: a paired test over the seeds both have.' }),
    ),
    plots: Type.Optional(
      Type.Union([Type.Boolean(), Type.Array(Type.Union([choice(PLOT_KINDS), PlotSchema]), { minItems: 1 })], {
        default: true,
        description:
          'true: every plot the results allow (metric bars when there are two rows or more; learning curves, confusion matrix and per-class bars from the trial folders; robustness curves when evaluation.corruptions is set; sensitivity for each numeric grid path; radar over three or more columns on one scale; a parameters scatter when the models differ in size 1.5x or more; classification maps when the trials are on a hyperspectral scene). false: none. A list: those, each a kind (`robustness`) or a kind with options (`{ type: sensitivity, grid: [optimizer.lr] }`).',
      }),
    ),
    figure_titles: Type.Optional(
      bool({
        default: true,
        description: "false: figures without a title or subtitle of their own, for journals whose figure titles go in the caption (IEEE, Elsevier): what the subtitle said (seeds, the y axis's start, the chance level) belongs in the caption then.",
      }),
    ),
    figure_width: Type.Optional(
      choice(['column', 'page'] as const, { default: 'column', description: 'column: figures 3.5 in wide, for one column of a two-column paper. page: 7.16 in, across both columns (a figure* float).' }),
    ),
  },
  { title: 'report' },
);
