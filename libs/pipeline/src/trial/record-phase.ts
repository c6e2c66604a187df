/**
 * Phase "record": the trial folder, written into the draft and committed at once, for every way a
 * trial ends: done (test results, history, confusion matrix, a scene's maps, the model), failed
 * (the reason a loss diverged) or pruned (its history and model; a search never looks at its test
 * results). What every record holds is written once: the resolved config, the model's summary and
 * graph, a text dataset's vocabulary, the environment, metrics.json, timing and the log.
 */
import { performance } from 'node:perf_hooks';
import type { PreparedData } from '@ablate/data';
import { formatSummary, saveModel } from '@ablate/models';
import { failpoint } from '@ablate/spec';
import type { Trial, TrialDraft } from '@ablate/sweep';
import type { HistoryRow, TrainResult } from '@ablate/training';
import type { TrialOutcome } from '../events';
import { environment } from '../record/environment';
import { mapFile } from '../record/prediction-map';
import { confusionCsv, historyCsv, metricsJson, resolvedConfig } from '../record/record-files';
import type { CompiledTrial } from './compile-phase';
import type { Evaluated } from './evaluate-phase';
import type { TrialContext } from './trial-context';

/** How the trial ended, with what its record needs. */
export type TrialEnd =
  | { status: 'failed'; reason: string; trainSeconds: number }
  | { status: 'pruned'; result: TrainResult; trainSeconds: number }
  | { status: 'done'; result: TrainResult; trainSeconds: number; evaluated: Evaluated };

export interface RecordInput {
  trial: Trial;
  ctx: TrialContext;
  draft: TrialDraft;
  data: PreparedData;
  model: CompiledTrial;
  /** The log so far; the record adds its last line. */
  lines: string[];
  /** When the trial started (performance.now()). */
  started: number;
}

/** The validation metrics of the last epoch, by name (oa, loss, ...). */
function lastValidation(history: readonly HistoryRow[]): Record<string, number> {
  const last = history[history.length - 1] ?? {};
  return Object.fromEntries(Object.entries(last).filter(([k]) => k.startsWith('val.')).map(([k, v]) => [k.slice(4), v]));
}

/** metrics.json's parts for each end, after the status, trial and seed. */
function metricsOf(end: TrialEnd, data: PreparedData, params: Record<string, number>): Record<string, unknown> {
  if (end.status === 'failed') return { reason: end.reason, params };
  const { result } = end;
  const val = lastValidation(result.history);
  const validation = Object.keys(val).length ? { val } : {};
  if (end.status === 'pruned') return { ...validation, params, epochs: result.epochs, pruned: result.pruned };
  const { test, corruptions } = end.evaluated;
  return {
    test: { loss: test.loss, ...test.metrics },
    ...(test.perClass ? { test_per_class: { classes: data.classNames, ...test.perClass } } : {}),
    ...validation,
    ...(data.corruptions.length ? { corruptions } : {}),
    params,
    epochs: result.epochs,
    ...(result.bestEpoch !== undefined ? { best_epoch: result.bestEpoch } : {}),
    stopped_early: result.stoppedEarly,
  };
}

const TEST_LOG_METRICS = ['oa', 'aa', 'kappa', 'mse', 'mae', 'r2', 'psnr', 'ssim', 'input_psnr', 'input_ssim'];

/** The log's last line. */
function lastLine(end: TrialEnd): string {
  if (end.status === 'failed') return `failed: ${end.reason}`;
  if (end.status === 'pruned') {
    const pruned = end.result.pruned as { epoch: number; rule: string };
    return `pruned after epoch ${pruned.epoch}: ${pruned.rule}`;
  }
  const metrics = end.evaluated.test.metrics;
  return `test: ${Object.entries(metrics).filter(([k]) => TEST_LOG_METRICS.includes(k)).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ')}`;
}

export async function recordPhase(input: RecordInput, end: TrialEnd): Promise<TrialOutcome> {
  const { trial, ctx, draft, data, model } = input;
  const { compiled } = model;
  const params = { trainable: compiled.summary.trainableParams, non_trainable: compiled.summary.nonTrainableParams, macs: compiled.summary.macs };
  draft.write('config.resolved.yaml', resolvedConfig(trial, ctx.experiment));
  draft.write('summary.txt', formatSummary(compiled.summary));
  // The resolved graph, for the report's architecture figure (read without TensorFlow.js).
  draft.writeJson('graph.json', compiled.graph);
  if (data.vocabulary) draft.writeJson('vocab.json', data.vocabulary);
  draft.writeJson('env.json', environment(ctx.backend, data.files, trial.seed, trial.id, ctx.plugins ?? []));
  draft.write('metrics.json', metricsJson({ status: end.status, trial: trial.id, seed: trial.seed, ...metricsOf(end, data, params) }));
  if (end.status !== 'failed') draft.write('history.csv', historyCsv(end.result.history));
  if (end.status === 'done') {
    const { test, sceneMap } = end.evaluated;
    if (test.confusion) draft.write('confusion.csv', confusionCsv(test, data.classNames));
    if (data.scene && sceneMap) {
      const { rows, cols, labels } = data.scene;
      draft.write('prediction_map.npy', mapFile(sceneMap, rows, cols));
      draft.write('ground_truth_map.npy', mapFile(Int16Array.from(labels), rows, cols));
    }
  }
  const seconds = (performance.now() - input.started) / 1000;
  const epochs = end.status === 'failed' ? 0 : end.result.history.length;
  draft.writeJson(
    'timing.json',
    end.status === 'failed'
      ? { train_seconds: end.trainSeconds }
      : {
          train_seconds: end.trainSeconds,
          ...(end.status === 'done' ? { eval_seconds: end.evaluated.seconds } : {}),
          total_seconds: seconds,
          seconds_per_epoch: end.trainSeconds / Math.max(epochs, 1),
        },
  );
  if (end.status === 'done') failpoint('trial:writing');
  if (end.status !== 'failed') await saveModel(compiled.model, draft.path('model'));
  const line = lastLine(end);
  // A failure's reason reaches the run through the outcome; the other last lines are log lines like the rest.
  if (end.status !== 'failed') ctx.events?.onLog?.(line);
  draft.write('log.txt', [...input.lines, line].join('\n') + '\n');
  if (end.status === 'done') failpoint('trial:commit');
  draft.commit();
  compiled.model.dispose();
  if (end.status === 'failed') return { trial, status: 'failed', reason: end.reason, seconds };
  if (end.status === 'pruned') {
    const pruned = end.result.pruned as { epoch: number; rule: string };
    return { trial, status: 'pruned', pruned, reason: `after epoch ${pruned.epoch}: ${pruned.rule}`, seconds };
  }
  const { test } = end.evaluated;
  return { trial, status: 'done', metrics: { loss: test.loss, ...test.metrics }, seconds };
}
