/**
 * `ablate predict`: a finished trial of an experiment (by id, the only one, or the best by the
 * report's first column) applied to its own test part or to new data, through its preprocessing as
 * fitted in training; writes one CSV row per example (its id or file, the predicted class, each
 * class's probability), for a scene also its classification map, and prints the accuracy where the
 * data has labels.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'yaml';
import { selectBackend } from '@ablate/backend';
import { regressionMetrics } from '@ablate/metrics';
import { predict, type ClassPredictions, type Predictions, type ValuePredictions } from '@ablate/pipeline';
import { writeMat, writeNpy } from '@ablate/data';
import { classColours, classMapPng, drawMaps, svgToPdf } from '@ablate/report';
import { BACKEND_NAMES, taskOf, UserError, writing, type BackendName, type DatasetSpec } from '@ablate/spec';
import { parseOptions } from '../cli/options';
import { EXPERIMENT_OPTIONS, type Command } from './command';
import { resultsDirOf } from './experiment-report';
import { writeImagePredictions } from './predict-images-output';
import { chooseTrial, TRIAL_OPTIONS } from './choose-trial';
import { planWithData } from './plan';

const options = {
  ...EXPERIMENT_OPTIONS,
  ...TRIAL_OPTIONS,
  data: { type: 'string', description: "`test` (default): the trial's own test part. Or a dataset as YAML, its paths relative to the working directory, e.g. '{type: image_folder, path: photos}', a text table, or a scene (its classification map is written beside the CSV)." },
  out: { type: 'string', description: 'The CSV to write (default: predictions.csv in the trial folder).' },
  backend: { type: 'string', description: `Compute backend: ${BACKEND_NAMES.join(', ')} (default: auto).` },
  'batch-size': { type: 'string', description: 'Examples per batch (default: the trial\'s eval_batch_size).' },
  'add-noise': { type: 'boolean', description: "A denoiser on new images: they are clean; the trial's test noise is added to make the inputs, and the outputs are scored against them." },
} as const;

/** On a terminal (stderr, so that stdout stays the summary), a bar of the examples done once there is more than a few batches; nothing in a pipe. */
function progressBar(stream: NodeJS.WriteStream): { update: (done: number, total: number) => void; stop: () => void } {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar) {
        if (done * 4 > total) return;
        bar = new SingleBar({ stream, format: 'predict |{bar}| {value}/{total} examples | ETA {eta_formatted}', barsize: 30, hideCursor: true, clearOnComplete: true, fps: 5 }, Presets.shades_classic);
        bar.start(total, done);
      } else bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

function csvOf(p: ClassPredictions | ValuePredictions): string {
  if (p.task === 'regression') {
    return stringify(p.ids.map((id, i) => [id, p.values[i].toPrecision(7), p.truth[i].toPrecision(7)]), { header: true, columns: ['id', 'predicted', 'target'] });
  }
  const classes = p.classNames.length;
  const header = ['id', 'predicted', ...(p.truth ? ['label'] : []), ...p.classNames.map((c) => `p_${c}`)];
  const rows = p.ids.map((id, i) => [id, p.classNames[p.predicted[i]], ...(p.truth ? [p.truth[i] >= 0 ? p.classNames[p.truth[i]] : ''] : []), ...Array.from(p.probabilities.subarray(i * classes, (i + 1) * classes), (v) => v.toPrecision(6))]);
  return stringify(rows, { header: true, columns: header });
}

/**
 * A scene's predictions as its classification map: int16 [rows, cols] .npy (np.load reads it; class
 * index from 0), a MATLAB .mat (`map`, classes from 1 as the scenes' ground truths number them), a
 * PNG in the report's class colours, and the figure the report draws (SVG, and PDF with
 * rsvg-convert): the map beside the given ground truth, with the legend.
 */
function writeMap(p: ClassPredictions, csv: string): string[] {
  const { rows, cols } = p.map as { rows: number; cols: number };
  const stem = csv.replace(/\.csv$/i, '');
  const values = Int16Array.from(p.predicted);
  const files = { npy: `${stem}-map.npy`, mat: `${stem}-map.mat`, png: `${stem}-map.png`, svg: `${stem}-map.svg`, pdf: `${stem}-map.pdf` };
  writing(files.npy, () => writeFileSync(files.npy, writeNpy({ shape: [rows, cols], data: values })));
  writing(files.mat, () => writeFileSync(files.mat, writeMat([{ name: 'map', dims: [rows, cols], data: Int32Array.from(p.predicted, (k) => k + 1) }], 'classification map written by ablate predict: classes from 1, in the order of class_names')));
  const factor = Math.max(1, Math.min(8, Math.ceil(400 / cols)));
  writing(files.png, () => writeFileSync(files.png, classMapPng({ values, rows, cols, colours: [], classes: p.classNames.length, factor })));
  const truth = p.truth;
  const right = truth ? truth.reduce((n, k, i) => n + (k >= 0 && k === p.predicted[i] ? 1 : 0), 0) : 0;
  const labelled = truth ? truth.reduce((n, k) => n + (k >= 0 ? 1 : 0), 0) : 0;
  const prediction = { caption: 'Prediction', detail: truth && labelled ? `OA ${((100 * right) / labelled).toFixed(2)}%` : `${rows * cols} pixels`, map: { rows, cols, values } };
  const svg = drawMaps({
    subtitle: `${rows} × ${cols} pixels, every pixel predicted${truth ? `; ${labelled.toLocaleString('en-US')} labelled in the ground truth (black: unlabelled)` : ''}.`,
    panels: truth ? [{ caption: 'Ground truth', detail: `${labelled.toLocaleString('en-US')} labelled`, map: { rows, cols, values: Int16Array.from(truth) } }, prediction] : [prediction],
    labels: p.classNames,
    colours: classColours(p.classNames.length),
    width: 504,
  });
  writing(files.svg, () => writeFileSync(files.svg, svg));
  const pdf = svgToPdf(svg);
  if (pdf) writing(files.pdf, () => writeFileSync(files.pdf, pdf));
  return [files.npy, files.mat, files.png, files.svg, ...(pdf ? [files.pdf] : [])];
}

/** Classification: the accuracy over the labelled examples; regression: the metrics the trial records, by the same functions. */
function summaryOf(p: ClassPredictions | ValuePredictions): string {
  if (p.task === 'regression') {
    const m = regressionMetrics(p.truth, p.values);
    return `mse ${m.mse.toPrecision(6)}, mae ${m.mae.toPrecision(6)}, rmse ${m.rmse.toPrecision(6)}, r2 ${m.r2.toPrecision(6)} (${p.ids.length} examples)`;
  }
  if (!p.truth) return 'no labels of the trial\'s classes in the data: no accuracy';
  const truth = p.truth;
  const labelled = Array.from(truth.keys()).filter((i) => truth[i] >= 0);
  const right = labelled.filter((i) => p.predicted[i] === truth[i]).length;
  return `accuracy ${(right / Math.max(1, labelled.length)).toFixed(4)} (${right} of ${labelled.length} labelled examples)`;
}

export const predictCommand: Command = {
  name: 'predict',
  summary: "Applies a finished trial's model, with its preprocessing as fitted in training, to its test part or new data; writes a CSV of predicted classes and probabilities.",
  options,
  async run(argv, io) {
    const opts = parseOptions('predict', options, argv);
    const plan = planWithData(opts.experiment as string, { set: opts.set });
    const trial = chooseTrial(plan, opts);
    const data = opts.data === undefined || opts.data === 'test' ? 'test' : (parse(String(opts.data)) as DatasetSpec);
    if (data !== 'test' && (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string')) {
      throw new UserError(`--data ${String(opts.data)} is neither \`test\` nor a dataset.`, { hint: "Give a dataset as YAML, e.g. --data '{type: image_folder, path: photos}'." });
    }
    const addNoise = Boolean(opts['add-noise']);
    if (addNoise && (data === 'test' || taskOf(trial.config) !== 'image_to_image')) {
      throw new UserError(`--add-noise makes the inputs of a denoiser from clean new images; ${data === 'test' ? 'the test part is made noisy as in the trial already' : `this trial's task is ${taskOf(trial.config)}`}.`, { hint: 'Leave --add-noise out.' });
    }
    const backendName = (opts.backend as BackendName | undefined) ?? 'auto';
    if (!BACKEND_NAMES.includes(backendName)) throw new UserError(`--backend ${backendName} is not a backend.`, { hint: `Backends: ${BACKEND_NAMES.join(', ')}.` });
    await selectBackend(backendName);
    const trialDir = join(resultsDirOf(plan), trial.id);
    const batchSize = Number(opts['batch-size'] ?? trial.config.training.eval_batch_size ?? 256);
    const bar = progressBar(process.stderr);
    let predictions: Predictions;
    try {
      predictions = await predict({ trial, trialDir, baseDir: dirname(plan.loaded.file), data, dataBaseDir: process.cwd(), batchSize, onProgress: bar.update, addNoise });
    } finally {
      bar.stop();
    }
    const out = resolve((opts.out as string | undefined) ?? join(trialDir, 'predictions.csv'));
    const which = [trial.variant !== undefined ? `variant "${trial.variant}"` : '', ...trial.grid.map((g) => `${g.path}=${JSON.stringify(g.value)}`), `seed ${trial.seed}`].filter(Boolean).join(', ');
    const head = `trial ${trial.id} (${which}) on ${data === 'test' ? 'its test part' : 'the given data'}: ${predictions.ids.length} predictions in ${relative(process.cwd(), out)}\n`;
    if (predictions.task === 'image_to_image') {
      const written = writeImagePredictions(predictions, out);
      io.out(`${head}outputs: ${written.files.map((f) => relative(process.cwd(), f)).join(', ')}\n${written.summary}\n`);
      return 0;
    }
    writing(out, () => writeFileSync(out, csvOf(predictions)));
    const maps = predictions.map && predictions.task === 'classification' ? writeMap(predictions, out) : [];
    io.out(head);
    if (maps.length) io.out(`classification map of the scene: ${maps.map((f) => relative(process.cwd(), f)).join(', ')}\n`);
    io.out(`${summaryOf(predictions)}\n`);
    return 0;
  },
};
