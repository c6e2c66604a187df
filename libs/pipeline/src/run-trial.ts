/**
 * One trial, start to record: prepare the data, compile the model, train, evaluate (test set and
 * every test-time corruption), then write the trial folder atomically. A diverging loss is a
 * failed trial with its reason recorded; the sweep goes on. Training writes checkpoints into the
 * trial's draft folder and resumes from the last one a killed run of the trial left; a signal
 * stops it at an epoch's end with its checkpoint written (RunInterrupted).
 */
import { performance } from 'node:perf_hooks';
import type { BackendChoice } from '@ablate/backend';
import { prepareData, type Batch, type PreparedData } from '@ablate/data';
import { compileModel, formatSummary, saveModel } from '@ablate/models';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { defaulted, failpoint, type LoadedPlugin, type Locate } from '@ablate/spec';
import type { Trial, TrialDraft, TrialStore } from '@ablate/sweep';
import { createLoss, evaluate, train, TrainingDiverged, TrainingInterrupted, type Evaluation, type HistoryRow, type TrainOptions, type TrainResult } from '@ablate/training';
import type { TrialEvents, TrialOutcome } from './events';
import { RunInterrupted, type StopRequest } from './interrupted';
import { checkpointFiles, checkpointFingerprint, disposeState, readCheckpointFiles } from './checkpoint/checkpoint-files';
import { environment } from './record/environment';
import { recordingHistory } from './record/live-history';
import { mapFile, predictScene } from './record/prediction-map';
import { confusionCsv, historyCsv, metricsJson, resolvedConfig } from './record/record-files';

export interface TrialContext {
  experiment: string;
  /** Folder of the experiment file: relative dataset paths start there. */
  baseDir: string;
  store: TrialStore;
  backend: BackendChoice;
  /** Positions of the experiment's nodes, for errors in the model. */
  locate?: Locate;
  events?: TrialEvents;
  /** Asked between epochs: a signal to stop at this safe point (after writing a checkpoint). */
  stop?: StopRequest;
  /** A search's pruning: the check a trial asks after each epoch (it records the metric in the draft), or none. */
  prune?: (trial: Trial, draft: TrialDraft) => TrainOptions['prune'];
  /** The plug-ins the experiment loaded: recorded in env.json, so that the saved model can be loaded with them. */
  plugins?: readonly LoadedPlugin[];
}

function counts(labels: Int32Array, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const y of labels) out[y]++;
  return out;
}

function testResults(evaluation: Evaluation, data: PreparedData) {
  return {
    test: { loss: evaluation.loss, ...evaluation.metrics },
    ...(evaluation.perClass ? { test_per_class: { classes: data.classNames, ...evaluation.perClass } } : {}),
  };
}

export async function runTrial(trial: Trial, ctx: TrialContext): Promise<TrialOutcome> {
  const started = performance.now();
  const { config, seed } = trial;
  const log = (line: string) => {
    lines.push(line);
    ctx.events?.onLog?.(line);
  };
  const lines: string[] = [];
  const draft = ctx.store.begin(trial.id);
  try {
    const data = prepareData(config, { baseDir: ctx.baseDir, seed });
    failpoint('trial:data');
    log(`data: ${data.train.size} train, ${data.val.size} validation, ${data.test.size} test examples of shape [${data.facts.input_shape.join(', ')}], ${data.facts.classes} classes`);
    const vocab = data.vocabulary;
    if (vocab) {
      const { train, test } = vocab.stats;
      const percent = (part: typeof train) => ((100 * part.oov_tokens) / Math.max(part.tokens, 1)).toFixed(1);
      log(`vocabulary: ${vocab.words} words from the ${train.texts} training texts (min_count ${vocab.min_count}, max_vocab ${vocab.max_vocab}); out of vocabulary: ${percent(train)}% of training words, ${percent(test)}% of test words; ${train.truncated_texts + vocab.stats.val.truncated_texts + test.truncated_texts} texts longer than ${vocab.length} words truncated`);
      if (vocab.vectors) log(`word vectors: ${vocab.vectors.words_found} of the ${vocab.words} vocabulary words found among the ${vocab.vectors.file_words} vectors of ${vocab.vectors.file} (${vocab.vectors.dim}-d)`);
    }
    const compiled = compileModel(config.model, data.facts, { seed, vars: config.vars, locate: ctx.locate, name: ctx.experiment, wordVectors: data.wordVectors });
    const task = defaulted(config.task, 'task');
    const regression = task.type !== 'classification';
    const image = task.type === 'image_to_image' ? { shape: data.facts.input_shape, dataRange: defaulted(task.data_range, 'task.data_range') } : undefined;
    const loss = createLoss(defaulted(config.loss, 'loss'), data.facts.classes, counts(data.train.labels, data.facts.classes));
    const fingerprint = checkpointFingerprint(trial);
    const files = draft.checkpoint.read();
    const found = files ? readCheckpointFiles(files, fingerprint) : undefined;
    const resume = found && 'state' in found ? found.state : undefined;
    if (found && 'ignored' in found) log(`checkpoint ignored (${found.ignored}): training starts from epoch 1`);
    if (resume) log(`resumed from the checkpoint after epoch ${resume.epochs}`);
    let result: TrainResult | undefined;
    let failure: TrainingDiverged | undefined;
    const prune = ctx.prune?.(trial, draft);
    const trainStarted = performance.now();
    try {
      result = await train({
        model: compiled.model,
        penalties: compiled.penalties,
        data,
        optimizer: config.optimizer,
        schedule: config.schedule,
        training: config.training,
        loss,
        regression,
        image,
        seed,
        events: recordingHistory(ctx.events, draft),
        readDepth: ctx.backend.readDepth,
        ...(prune ? { prune } : {}),
        checkpoint: {
          every: defaulted(config.training.checkpoint_every, 'training.checkpoint_every'),
          resume,
          save: async (state) => draft.checkpoint.write(await checkpointFiles(state, fingerprint)),
          stopRequested: ctx.stop,
        },
      });
    } catch (error) {
      if (error instanceof TrainingInterrupted) throw new RunInterrupted(error.signal, { id: trial.id, epochs: error.epochs });
      if (!(error instanceof TrainingDiverged)) throw error;
      failure = error;
    } finally {
      if (resume) disposeState(resume);
    }
    const trainSeconds = (performance.now() - trainStarted) / 1000;
    failpoint('trial:trained');
    const params = { trainable: compiled.summary.trainableParams, non_trainable: compiled.summary.nonTrainableParams, macs: compiled.summary.macs };
    draft.write('config.resolved.yaml', resolvedConfig(trial, ctx.experiment));
    draft.write('summary.txt', formatSummary(compiled.summary));
    // The resolved graph, for the report's architecture figure (read without TensorFlow.js).
    draft.writeJson('graph.json', compiled.graph);
    if (vocab) draft.writeJson('vocab.json', vocab);
    draft.writeJson('env.json', environment(ctx.backend, data.files, seed, trial.id, ctx.plugins ?? []));
    if (failure) {
      const reason = `${failure.message} Lower the learning rate, clip gradients (optimizer.clip_norm), or check the data for NaN values.`;
      draft.write('metrics.json', metricsJson({ status: 'failed', trial: trial.id, seed, reason, params }));
      draft.writeJson('timing.json', { train_seconds: trainSeconds });
      draft.write('log.txt', [...lines, `failed: ${reason}`].join('\n') + '\n');
      draft.commit();
      compiled.model.dispose();
      return { trial, status: 'failed', reason, seconds: (performance.now() - started) / 1000 };
    }
    if ((result as TrainResult).pruned) return await recordPruned(trial, { draft, result: result as TrainResult, params, lines, log, trainSeconds, started, model: compiled.model });
    const evalStarted = performance.now();
    const pair = data.pair;
    const paired = (transform?: (b: Batch) => Batch) => (pair ? (b: Batch) => (transform ?? ((x: Batch) => x))(pair(b, 'test')) : transform);
    const options = { batchSize: defaulted(config.training.eval_batch_size, 'training.eval_batch_size'), loss, classes: data.facts.classes, regression, image };
    const test = await evaluate(compiled.model, data.test, { ...options, transform: paired() });
    const corruptions: Record<string, Record<string, number>> = {};
    for (const corruption of data.corruptions) {
      const r = await evaluate(compiled.model, data.test, { ...options, transform: paired(corruption.apply) });
      corruptions[corruption.key] = { loss: r.loss, ...r.metrics };
    }
    failpoint('trial:evaluated');
    const history = (result as TrainResult).history;
    const val = lastValidation(history);
    draft.write(
      'metrics.json',
      metricsJson({
        status: 'done',
        trial: trial.id,
        seed,
        ...testResults(test, data),
        ...(Object.keys(val).length ? { val } : {}),
        ...(data.corruptions.length ? { corruptions } : {}),
        params,
        epochs: (result as TrainResult).epochs,
        ...((result as TrainResult).bestEpoch !== undefined ? { best_epoch: (result as TrainResult).bestEpoch } : {}),
        stopped_early: (result as TrainResult).stoppedEarly,
      }),
    );
    draft.write('history.csv', historyCsv(history));
    if (test.confusion) draft.write('confusion.csv', confusionCsv(test, data.classNames));
    if (data.scene && !regression) {
      const { rows, cols, labels } = data.scene;
      draft.write('prediction_map.npy', mapFile(await predictScene(compiled.model, data.scene, options.batchSize), rows, cols));
      draft.write('ground_truth_map.npy', mapFile(Int16Array.from(labels), rows, cols));
    }
    const seconds = (performance.now() - started) / 1000;
    draft.writeJson('timing.json', { train_seconds: trainSeconds, eval_seconds: (performance.now() - evalStarted) / 1000, total_seconds: seconds, seconds_per_epoch: trainSeconds / Math.max(history.length, 1) });
    failpoint('trial:writing');
    await saveModel(compiled.model, draft.path('model'));
    log(`test: ${Object.entries(test.metrics).filter(([k]) => ['oa', 'aa', 'kappa', 'mse', 'mae', 'r2', 'psnr', 'ssim', 'input_psnr', 'input_ssim'].includes(k)).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ')}`);
    draft.write('log.txt', lines.join('\n') + '\n');
    failpoint('trial:commit');
    draft.commit();
    compiled.model.dispose();
    return { trial, status: 'done', metrics: { loss: test.loss, ...test.metrics }, seconds };
  } catch (error) {
    draft.abandon();
    throw error;
  }
}

/** The validation metrics of the last epoch, by name (oa, loss, ...). */
function lastValidation(history: readonly HistoryRow[]): Record<string, number> {
  const last = history[history.length - 1] ?? {};
  return Object.fromEntries(Object.entries(last).filter(([k]) => k.startsWith('val.')).map(([k, v]) => [k.slice(4), v]));
}

/**
 * A trial a search's pruner stopped: recorded as `pruned` with the epoch and the rule, its history,
 * its last validation metrics and its weights, and not evaluated on the test set (the search never
 * looks at it; a pruned configuration is not a result).
 */
async function recordPruned(
  trial: Trial,
  run: { draft: TrialDraft; result: TrainResult; params: Record<string, number>; lines: string[]; log: (line: string) => void; trainSeconds: number; started: number; model: LayersModel },
): Promise<TrialOutcome> {
  const { draft, result } = run;
  const pruned = result.pruned as { epoch: number; rule: string };
  const val = lastValidation(result.history);
  draft.write('metrics.json', metricsJson({ status: 'pruned', trial: trial.id, seed: trial.seed, ...(Object.keys(val).length ? { val } : {}), params: run.params, epochs: result.epochs, pruned }));
  draft.write('history.csv', historyCsv(result.history));
  const seconds = (performance.now() - run.started) / 1000;
  draft.writeJson('timing.json', { train_seconds: run.trainSeconds, total_seconds: seconds, seconds_per_epoch: run.trainSeconds / Math.max(result.history.length, 1) });
  await saveModel(run.model, draft.path('model'));
  run.log(`pruned after epoch ${pruned.epoch}: ${pruned.rule}`);
  draft.write('log.txt', run.lines.join('\n') + '\n');
  draft.commit();
  run.model.dispose();
  return { trial, status: 'pruned', pruned, reason: `after epoch ${pruned.epoch}: ${pruned.rule}`, seconds };
}
