/**
 * Benchmark: what ablate costs on top of a hand-written TensorFlow.js training loop. The same
 * Fashion-MNIST CNN (experiments/models/fashion-mnist-cnn.yaml), the same real data (the 60,000
 * training images of Debian's dataset-fashion-mnist, read by ablate's own IDX loader in both, and
 * scaled to [0, 1] per batch as ablate's `scale` step does), batch 100, Adam 1e-3, one epoch, the
 * same backend (native kernels, or --backend cpu), each in a fresh process, alternated over
 * `--rounds` rounds (default 5). Prints min/median/max over the rounds of:
 *   overhead_ratio               epoch time through runner:exec / epoch time of the hand-written loop, round by round (goal: <= 1.05)
 *   overhead_ratio_end_to_end    whole process (start, data loading, the epoch, test evaluation) ours / hand-written
 * and the seconds behind each. The hand-written loop is what a researcher would write with
 * tfjs-layers: a tf.sequential model, shuffled index batches, optimizer.minimize.
 *   npx nx run bench:overhead [--rounds 5] [--backend native|cpu]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { selectBackend } from '@ablate/backend';
import { loadDataset, type ExampleDataset } from '@ablate/data';
import { alternate, ratios, roundsOf, spread } from './protocol';

const ROOT = resolve(__dirname, '..');
/** The experiment's scale step: bytes 0..255 to 0..1. */
const SCALE = 0.00392156862745098;
const { values: opts } = parseArgs({ options: { rounds: { type: 'string' }, backend: { type: 'string' }, child: { type: 'boolean' } } });
const backend = opts.backend ?? 'native';

/** The scaled images of some examples, as ablate's `scale` preprocessing makes each batch. */
function scaled(x: ArrayLike<number>, ids: ArrayLike<number>): Float32Array {
  const out = new Float32Array(ids.length * 784);
  for (let i = 0; i < ids.length; i++) for (let k = 0, at = ids[i] * 784; k < 784; k++) out[i * 784 + k] = x[at + k] * SCALE;
  return out;
}

/** The hand-written loop, run in its own process. */
async function handWritten(): Promise<void> {
  const started = performance.now();
  await selectBackend(backend as 'native' | 'cpu');
  const data = loadDataset({ type: 'fashion_mnist' }, { baseDir: ROOT }) as ExampleDataset;
  const trainIds = data.given?.train as Int32Array;
  const testIds = data.given?.test as Int32Array;
  const trainY = Int32Array.from(trainIds, (i) => data.y[i]);
  const testY = Int32Array.from(testIds, (i) => data.y[i]);
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 12, kernelSize: 5, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 120, activation: 'relu' }),
      tfl.layers.dense({ units: 60, activation: 'relu' }),
      tfl.layers.dense({ units: 10 }),
    ],
  });
  const optimizer = tf.train.adam(0.001);
  const batch = 100;
  const n = trainY.length;
  const order = Int32Array.from(trainIds);
  tf.util.shuffle(order);
  const epochStarted = performance.now();
  for (let start = 0; start < n; start += batch) {
    const ids = order.subarray(start, Math.min(start + batch, n));
    const xb = scaled(data.x, ids);
    const yb = Int32Array.from(ids, (id) => data.y[id]);
    tf.tidy(() => {
      const x = tf.tensor4d(xb, [ids.length, 28, 28, 1]);
      const y = tf.oneHot(tf.tensor1d(yb, 'int32'), 10);
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
    });
  }
  const epoch = (performance.now() - epochStarted) / 1000;
  let correct = 0;
  for (let start = 0; start < testY.length; start += 400) {
    const end = Math.min(start + 400, testY.length);
    const predicted = tf.tidy(() => tf.argMax(model.predict(tf.tensor4d(scaled(data.x, testIds.subarray(start, end)), [end - start, 28, 28, 1])) as tf.Tensor, -1).dataSync());
    predicted.forEach((p, i) => (correct += p === testY[start + i] ? 1 : 0));
  }
  process.stdout.write(JSON.stringify({ epoch, total: (performance.now() - started) / 1000, oa: correct / testY.length }));
}

function runHandWritten(): { epoch: number; total: number; oa: number } {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', '--backend', backend], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out);
}

function runAblate(): { epoch: number; total: number; oa: number } {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-bench-overhead-'));
  try {
    const started = performance.now();
    const set = ['training.epochs=1', 'split.val=null', 'repeats=1', `results_dir=${dir}`, 'report.plots=false'];
    execFileSync(process.execPath, [...process.execArgv, join(ROOT, 'apps', 'runner', 'src', 'main.ts'), 'exec', '--experiment', join(ROOT, 'experiments', 'fashion-mnist-cnn.yaml'), '--backend', backend, '--quiet', ...set.flatMap((s) => ['--set', s])], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const total = (performance.now() - started) / 1000;
    const results = readFileSync(join(dir, 'fashion-mnist-cnn', 'results.csv'), 'utf8').trim().split('\n');
    const trial = results[1].split(',')[0];
    const history = readFileSync(join(dir, 'fashion-mnist-cnn', trial, 'history.csv'), 'utf8').trim().split('\n');
    const header = history[0].split(',');
    const epoch = Number(history[1].split(',')[header.indexOf('seconds')]);
    const metrics = JSON.parse(readFileSync(join(dir, 'fashion-mnist-cnn', trial, 'metrics.json'), 'utf8'));
    return { epoch, total, oa: metrics.test.oa };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const runs = alternate(roundsOf(opts.rounds), runHandWritten, runAblate);
  const [theirs, ours] = [runs.a, runs.b];
  const of = (r: typeof ours, k: 'epoch' | 'total' | 'oa') => r.map((o) => o[k]);
  console.log(`backend ${backend}`);
  console.log(`epoch_seconds_ablate ${spread(of(ours, 'epoch'), 2)}`);
  console.log(`epoch_seconds_handwritten ${spread(of(theirs, 'epoch'), 2)}`);
  console.log(`overhead_ratio ${spread(ratios(of(ours, 'epoch'), of(theirs, 'epoch')), 3)}`);
  console.log(`process_seconds_ablate ${spread(of(ours, 'total'), 2)}`);
  console.log(`process_seconds_handwritten ${spread(of(theirs, 'total'), 2)}`);
  console.log(`overhead_ratio_end_to_end ${spread(ratios(of(ours, 'total'), of(theirs, 'total')), 3)}`);
  console.log(`test_oa_ablate ${spread(of(ours, 'oa'), 4)}`);
  console.log(`test_oa_handwritten ${spread(of(theirs, 'oa'), 4)}`);
}

if (opts.child) {
  handWritten().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  main();
}
