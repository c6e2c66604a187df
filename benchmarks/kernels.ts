/**
 * Benchmark: median training step (Adam, cross-entropy, 20 steps after warm-up) of the three
 * reference models on ablate's native kernels, on pure JavaScript, and in PyTorch (Debian's
 * python3-torch) at the same thread count, in one run. Prints, per model:
 *   ratio_vs_pytorch <model> <median step ours / median step PyTorch>   (goal: <= 2.0)
 * and the step times, the speed-up over pure JavaScript, and the kernels that take the native
 * step's time. Pure JavaScript is slow: it runs `--js-steps` steps (default 3), and HybridSN only
 * at batch 4 (a batch-128 step takes tens of minutes there). The two MobileNets (CIFAR-10 variants,
 * batch 64) are measured natively and in PyTorch only.
 *   npx nx run bench:kernels [--threads N] [--steps 20] [--js-steps 3] [--no-js] [--models a,b]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { disableNative, enableNative, loadBinding, selectBackend } from '@ablate/backend';
import { loadFragment } from '@ablate/config';
import { compileModel, tf } from '@ablate/models';
import type { ModelSpec } from '@ablate/spec';
import { createLoss, createOptimizer } from '@ablate/training';

const ROOT = join(__dirname, '..');
const { values: opts } = parseArgs({ options: { threads: { type: 'string' }, steps: { type: 'string' }, 'js-steps': { type: 'string' }, 'no-js': { type: 'boolean' }, models: { type: 'string' } } });
const threads = Number(opts.threads ?? cpus().length);
const steps = Number(opts.steps ?? 20);
const jsSteps = Number(opts['js-steps'] ?? 3);

const MODELS = [
  { name: 'fashion-mnist-cnn', file: 'fashion-mnist-cnn.yaml', shape: [28, 28, 1], classes: 10, batch: 100, jsBatch: 100, vars: {} },
  { name: 'hamida-3d-cnn', file: 'hamida-3d-cnn.yaml', shape: [5, 5, 103], classes: 9, batch: 100, jsBatch: 100, vars: {} },
  { name: 'hybridsn', file: 'hybridsn.yaml', shape: [25, 25, 30], classes: 16, batch: 128, jsBatch: 4, vars: { bn: false } },
  // Not in the issue's three, but in the comparison study: batch-norm-heavy, depthwise convolutions.
  { name: 'mobilenet-v1-cifar', file: 'mobilenet-v1-cifar.yaml', shape: [32, 32, 3], classes: 10, batch: 64, jsBatch: 0, vars: {} },
  { name: 'mobilenet-v2-cifar', file: 'mobilenet-v2-cifar.yaml', shape: [32, 32, 3], classes: 10, batch: 64, jsBatch: 0, vars: {} },
];

function stepper(m: (typeof MODELS)[number], batch: number) {
  const { model } = compileModel(loadFragment(join(ROOT, 'experiments', 'models', m.file), 'model').value as unknown as ModelSpec, { classes: m.classes, input_shape: m.shape }, { seed: 1, pointer: '', vars: m.vars });
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = createOptimizer({ type: 'adam' });
  const loss = createLoss(undefined, m.classes, []);
  const x = tf.randomNormal([batch, ...m.shape], 0, 1, 'float32', 1);
  const y = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % m.classes), 'int32');
  const step = () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => loss(model.apply(x, { training: true }) as tf.Tensor, { labels: y }), variables);
      optimizer.step(variables, variables.map((v) => grads[v.name]), 0.001);
    });
  return { step, dispose: () => (model.dispose(), optimizer.dispose(), tf.dispose([x, y])) };
}

function median(run: () => void, warmup: number, count: number): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function main() {
  const binding = loadBinding();
  if (!binding.ok) throw new Error(`native kernels unavailable: ${binding.reason}`);
  await selectBackend('native', { threads });
  console.log(`threads ${threads}`);
  let pytorch: Record<string, number> | undefined;
  if (existsSync('/usr/bin/python3')) {
    try {
      const names = MODELS.filter((x) => !opts.models || opts.models.split(',').includes(x.name)).map((x) => x.name);
      const out = execFileSync('/usr/bin/python3', [join(ROOT, 'tools', 'reference', 'train_step_bench.py'), String(threads), String(steps), names.join(',')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      pytorch = JSON.parse(out).seconds;
    } catch (error) {
      console.log(`pytorch unavailable (${(error as Error).message.split('\n')[0]}); install it with: sudo apt-get install -y python3-torch`);
    }
  }
  for (const m of MODELS.filter((x) => !opts.models || opts.models.split(',').includes(x.name))) {
    enableNative(binding.binding);
    const s = stepper(m, m.batch);
    const native = median(s.step, 3, steps);
    const profile = await tf.profile(s.step);
    s.dispose();
    const byKernel = new Map<string, number>();
    for (const k of profile.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (k.kernelTimeMs as number));
    const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
    console.log(`native_step_ms ${m.name} ${native.toFixed(1)}`);
    if (pytorch) {
      console.log(`pytorch_step_ms ${m.name} ${(pytorch[m.name] * 1000).toFixed(1)}`);
      console.log(`ratio_vs_pytorch ${m.name} ${(native / (pytorch[m.name] * 1000)).toFixed(2)}`);
    }
    console.log(`profile ${m.name} ${[...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k}:${((100 * v) / total).toFixed(0)}%`).join(' ')} outside-kernels:${Math.max(0, (100 * (native - total)) / native).toFixed(0)}%`);
    if (!opts['no-js'] && m.jsBatch > 0) {
      disableNative();
      const js = stepper(m, m.jsBatch);
      const pure = median(js.step, 1, jsSteps);
      js.dispose();
      console.log(`purejs_step_ms ${m.name}${m.jsBatch !== m.batch ? `_batch${m.jsBatch}` : ''} ${pure.toFixed(0)}`);
      if (m.jsBatch === m.batch) console.log(`speedup_vs_purejs ${m.name} ${(pure / native).toFixed(0)}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
