/**
 * Benchmark: what ablate costs on top of a hand-written TensorFlow.js training loop. The same
 * Fashion-MNIST CNN (experiments/models/fashion-mnist-cnn.yaml), the same real data (the 60,000
 * training images of Debian's dataset-fashion-mnist, scaled to [0, 1]), batch 100, Adam 1e-3, one
 * epoch, the same backend (native kernels, or --backend cpu), each in a fresh process, alternated
 * `--rounds` times (default 2) and compared by medians. Prints:
 *   overhead_ratio               epoch time through runner:exec / epoch time of the hand-written loop (goal: <= 1.05)
 *   overhead_ratio_end_to_end    whole process (start, data loading, the epoch, test evaluation) ours / hand-written
 * and the seconds behind each. The hand-written loop is what a researcher would write with
 * tfjs-layers: a tf.sequential model, shuffled index batches, optimizer.minimize.
 *   npx nx run bench:overhead [--rounds 2] [--backend native|cpu]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { selectBackend } from '@ablate/backend';

const ROOT = resolve(__dirname, '..');
const FMNIST = '/usr/share/datasets/fashion-mnist';
const { values: opts } = parseArgs({ options: { rounds: { type: 'string' }, backend: { type: 'string' }, child: { type: 'boolean' } } });
const backend = opts.backend ?? 'native';

function idx(file: string, headerBytes: number): Uint8Array {
  return gunzipSync(readFileSync(join(FMNIST, file))).subarray(headerBytes);
}

/** The hand-written loop, run in its own process. */
async function handWritten(): Promise<void> {
  const started = performance.now();
  await selectBackend(backend as 'native' | 'cpu');
  const trainX = Float32Array.from(idx('train-images-idx3-ubyte.gz', 16), (v) => v / 255);
  const trainY = Int32Array.from(idx('train-labels-idx1-ubyte.gz', 8));
  const testX = Float32Array.from(idx('t10k-images-idx3-ubyte.gz', 16), (v) => v / 255);
  const testY = Int32Array.from(idx('t10k-labels-idx1-ubyte.gz', 8));
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
  const order = Int32Array.from({ length: n }, (_, i) => i);
  tf.util.shuffle(order);
  const epochStarted = performance.now();
  for (let start = 0; start < n; start += batch) {
    const ids = order.subarray(start, Math.min(start + batch, n));
    const xb = new Float32Array(ids.length * 784);
    const yb = new Int32Array(ids.length);
    ids.forEach((id, i) => {
      xb.set(trainX.subarray(id * 784, (id + 1) * 784), i * 784);
      yb[i] = trainY[id];
    });
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
    const predicted = tf.tidy(() => tf.argMax(model.predict(tf.tensor4d(testX.subarray(start * 784, end * 784), [end - start, 28, 28, 1])) as tf.Tensor, -1).dataSync());
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
    const set = ['training.epochs=1', 'split.val=null', 'repeats=1', 'evaluation.per_class=false', `results_dir=${dir}`, 'report.plots=false'];
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

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

function main(): void {
  const rounds = Number(opts.rounds ?? 2);
  const ours: Array<ReturnType<typeof runAblate>> = [];
  const theirs: Array<ReturnType<typeof runHandWritten>> = [];
  for (let r = 0; r < rounds; r++) {
    theirs.push(runHandWritten());
    ours.push(runAblate());
  }
  const [oursEpoch, theirsEpoch] = [median(ours.map((o) => o.epoch)), median(theirs.map((o) => o.epoch))];
  const [oursTotal, theirsTotal] = [median(ours.map((o) => o.total)), median(theirs.map((o) => o.total))];
  console.log(`backend ${backend}`);
  console.log(`epoch_seconds_ablate ${oursEpoch.toFixed(2)}`);
  console.log(`epoch_seconds_handwritten ${theirsEpoch.toFixed(2)}`);
  console.log(`overhead_ratio ${(oursEpoch / theirsEpoch).toFixed(3)}`);
  console.log(`process_seconds_ablate ${oursTotal.toFixed(2)}`);
  console.log(`process_seconds_handwritten ${theirsTotal.toFixed(2)}`);
  console.log(`overhead_ratio_end_to_end ${(oursTotal / theirsTotal).toFixed(3)}`);
  console.log(`test_oa_ablate ${median(ours.map((o) => o.oa)).toFixed(4)}`);
  console.log(`test_oa_handwritten ${median(theirs.map((o) => o.oa)).toFixed(4)}`);
}

if (opts.child) {
  handWritten().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  main();
}
