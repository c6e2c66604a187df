/**
 * Phase "evaluate": the trained model on the test part (image_to_image: its noisy copies, made as
 * in training), under every test-time corruption, and a scene's classification map.
 */
import { performance } from 'node:perf_hooks';
import type { Batch, PreparedData } from '@ablate/data';
import { defaulted, failpoint } from '@ablate/spec';
import type { Trial } from '@ablate/sweep';
import { evaluate, type Evaluation } from '@ablate/training';
import { predictScene } from '../record/prediction-map';
import type { CompiledTrial } from './compile-phase';

export interface Evaluated {
  test: Evaluation;
  /** By condition (`gaussian_noise@snr_db=20`): the loss and metrics. */
  corruptions: Record<string, Record<string, number>>;
  /** A scene's every pixel predicted, row-major. */
  sceneMap?: Int16Array;
  seconds: number;
}

export async function evaluatePhase(trial: Trial, data: PreparedData, model: CompiledTrial): Promise<Evaluated> {
  const started = performance.now();
  const pair = data.pair;
  const paired = (transform?: (b: Batch) => Batch) => (pair ? (b: Batch) => (transform ?? ((x: Batch) => x))(pair(b, 'test')) : transform);
  const options = { batchSize: defaulted(trial.config.training.eval_batch_size, 'training.eval_batch_size'), loss: model.loss, classes: data.facts.classes, numericTargets: model.numericTargets, image: model.image };
  const test = await evaluate(model.compiled.model, data.test, { ...options, transform: paired() });
  const corruptions: Record<string, Record<string, number>> = {};
  for (const corruption of data.corruptions) {
    const r = await evaluate(model.compiled.model, data.test, { ...options, transform: paired(corruption.apply) });
    corruptions[corruption.key] = { loss: r.loss, ...r.metrics };
  }
  failpoint('trial:evaluated');
  const sceneMap = data.scene && !model.numericTargets ? await predictScene(model.compiled.model, data.scene, options.batchSize) : undefined;
  return { test, corruptions, ...(sceneMap ? { sceneMap } : {}), seconds: (performance.now() - started) / 1000 };
}
