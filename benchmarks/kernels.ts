/**
 * Benchmark: the training step (Adam, cross-entropy) of the reference models on each backend asked
 * for, and in PyTorch (Debian's python3-torch, or the Python in ABLATE_PYTHON, on its GPU when it
 * sees one), in one run. After a warm-up round, each round measures every backend and PyTorch one
 * after the other (A B C A B C ...), `--steps` steps each, and keeps the round's median; the
 * lines give min/median/max over the rounds:
 *   step_ms <model> <backend> min/median/max
 *   ratio_vs_native <model> webgpu min/median/max         (webgpu step / native step, per round)
 *   ratio_vs_pytorch <model> <backend> min/median/max (pytorch <cpu|cuda>)   (goal on the CPU: <= 2.0)
 * then the kernels that take the native step's time, and the speed-up over pure JavaScript, which
 * is slow: `--js-steps` steps (default 3), HybridSN at batch 4 only. The backends default to
 * native, plus webgpu when a hardware GPU adapter is present (on a software one, such as
 * lavapipe, ask for it: --backends native,webgpu). A backend or PyTorch that is asked for and
 * fails makes the benchmark fail (--no-pytorch leaves PyTorch out).
 *   npx nx run bench:kernels [--backends native,webgpu] [--rounds 5] [--steps 10] [--models a,b]
 *                            [--batch N] [--threads N] [--js-steps 3] [--no-js] [--no-pytorch]
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { disableNative, enableNative, loadBinding, probeWebGpu, releaseBackend, selectBackend } from '@ablate/backend';
import { loadFragment } from '@ablate/config';
import { compileModel, tf } from '@ablate/models';
import type { ModelSpec } from '@ablate/spec';
import { createLoss, createOptimizer } from '@ablate/training';
import { median, ratios, roundsOf, spread } from './protocol';

const ROOT = join(__dirname, '..');
const { values: opts } = parseArgs({
  options: {
    threads: { type: 'string' },
    steps: { type: 'string' },
    rounds: { type: 'string' },
    batch: { type: 'string' },
    backends: { type: 'string' },
    'js-steps': { type: 'string' },
    'no-js': { type: 'boolean' },
    'no-pytorch': { type: 'boolean' },
    models: { type: 'string' },
  },
});
const threads = Number(opts.threads ?? cpus().length);
const steps = Number(opts.steps ?? 10);
const rounds = roundsOf(opts.rounds);
const jsSteps = Number(opts['js-steps'] ?? 3);
const batchOverride = opts.batch ? Number(opts.batch) : undefined;
const PYTHON = process.env.ABLATE_PYTHON ?? '/usr/bin/python3';

type Backend = 'native' | 'webgpu';

const MODELS = [
  { name: 'fashion-mnist-cnn', file: 'fashion-mnist-cnn.yaml', shape: [28, 28, 1], classes: 10, batch: 100, jsBatch: 100, vars: {} },
  { name: 'hamida-3d-cnn', file: 'hamida-3d-cnn.yaml', shape: [5, 5, 103], classes: 9, batch: 100, jsBatch: 100, vars: {} },
  { name: 'hybridsn', file: 'hybridsn.yaml', shape: [25, 25, 30], classes: 16, batch: 128, jsBatch: 4, vars: { bn: false } },
  // Batch-norm-heavy, depthwise convolutions (the model comparison study).
  { name: 'mobilenet-v1-cifar', file: 'mobilenet-v1-cifar.yaml', shape: [32, 32, 3], classes: 10, batch: 64, jsBatch: 0, vars: {} },
  { name: 'mobilenet-v2-cifar', file: 'mobilenet-v2-cifar.yaml', shape: [32, 32, 3], classes: 10, batch: 64, jsBatch: 0, vars: {} },
];
type Model = (typeof MODELS)[number];

/** A training step of the model on the current backend; it resolves once the step has finished on the device. */
function stepper(m: Model, batch: number) {
  const { model } = compileModel(loadFragment(join(ROOT, 'experiments', 'models', m.file), 'model').value as unknown as ModelSpec, { classes: m.classes, input_shape: m.shape }, { seed: 1, pointer: '', vars: m.vars });
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = createOptimizer({ type: 'adam' });
  const loss = createLoss(undefined, m.classes, []);
  const x = tf.randomNormal([batch, ...m.shape], 0, 1, 'float32', 1);
  const y = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % m.classes), 'int32');
  const run = () =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => loss(model.apply(x, { training: true }) as tf.Tensor, { labels: y }), variables);
      optimizer.step(variables, variables.map((v) => grads[v.name]), 0.001);
      return value;
    });
  const step = async () => {
    const value = run();
    await value.data();
    value.dispose();
  };
  return { run, step, dispose: () => (model.dispose(), optimizer.dispose(), tf.dispose([x, y])) };
}

async function medianStep(step: () => Promise<void>, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await step();
    times.push(performance.now() - start);
  }
  return median(times);
}


function pytorchStep(model: string, batch: number): { ms: number; device: string } {
  const out = execFileSync(PYTHON, [join(ROOT, 'tools', 'reference', 'train_step_bench.py'), String(threads), String(steps), model, String(batchOverride ? batch : 0)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const result = JSON.parse(out) as { device: string; device_name: string; seconds: Record<string, number> };
  return { ms: result.seconds[model] * 1000, device: result.device === 'cpu' ? 'cpu' : `${result.device} ${result.device_name}` };
}

function chosenBackends(): Backend[] {
  if (opts.backends) return opts.backends.split(',') as Backend[];
  const gpu = probeWebGpu();
  return gpu.ok && !gpu.adapter.software ? ['native', 'webgpu'] : ['native'];
}

async function main() {
  const binding = loadBinding();
  if (!binding.ok) throw new Error(`native kernels unavailable: ${binding.reason}`);
  const backends = chosenBackends();
  const selected = MODELS.filter((x) => !opts.models || opts.models.split(',').includes(x.name));
  const labels: string[] = [];
  for (const b of backends) labels.push(`${b}: ${(await selectBackend(b, { threads })).label}`);
  console.log(`threads ${threads}, ${rounds} rounds of ${steps} steps; ${labels.join('; ')}`);
  for (const m of selected) {
    const batch = batchOverride ?? m.batch;
    // One model per backend. Round 0 is a warm-up nobody counts: shader compilation, first
    // allocations, and a driver's background work after them (Mesa writes its shader cache, which
    // slowed the next native steps up to 4x here) happen there.
    const steppers = new Map<Backend, ReturnType<typeof stepper>>();
    for (const b of backends) {
      await selectBackend(b, { threads });
      steppers.set(b, stepper(m, batch));
    }
    const times = new Map<string, number[]>(backends.map((b) => [b, []]));
    let pytorchDevice = '';
    for (let r = -1; r < rounds; r++) {
      for (const b of backends) {
        await selectBackend(b, { threads });
        const t = await medianStep((steppers.get(b) as ReturnType<typeof stepper>).step, r < 0 ? 2 : steps);
        if (r >= 0) times.get(b)?.push(t);
      }
      if (r < 0) continue;
      if (!opts['no-pytorch']) {
        const p = pytorchStep(m.name, batch);
        pytorchDevice = p.device;
        times.set('pytorch', [...(times.get('pytorch') ?? []), p.ms]);
      }
    }
    const label = `${m.name}${batch !== m.batch ? `_batch${batch}` : ''}`;
    for (const [b, t] of times) console.log(`step_ms ${label} ${b} ${spread(t, 1)}`);
    const per = (b: string) => times.get(b) as number[];
    if (backends.includes('webgpu')) console.log(`ratio_vs_native ${label} webgpu ${spread(ratios(per('webgpu'), per('native')), 2)}`);
    if (!opts['no-pytorch']) for (const b of backends) console.log(`ratio_vs_pytorch ${label} ${b} ${spread(ratios(per(b), per('pytorch')), 2)} (pytorch ${pytorchDevice})`);

    await selectBackend('native', { threads });
    const profile = await tf.profile(() => (steppers.get('native') as ReturnType<typeof stepper>).run());
    const byKernel = new Map<string, number>();
    for (const k of profile.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (k.kernelTimeMs as number));
    const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
    const nativeMs = median(per('native'));
    console.log(`profile ${label} native ${[...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k}:${((100 * v) / total).toFixed(0)}%`).join(' ')} outside-kernels:${Math.max(0, (100 * (nativeMs - total)) / nativeMs).toFixed(0)}%`);
    for (const b of backends) {
      await selectBackend(b, { threads });
      steppers.get(b)?.dispose();
    }
    if (!opts['no-js'] && m.jsBatch > 0) {
      await selectBackend('native', { threads });
      disableNative();
      const js = stepper(m, m.jsBatch);
      await js.step();
      const pure = await medianStep(js.step, jsSteps);
      js.dispose();
      enableNative(binding.binding);
      console.log(`purejs_step_ms ${m.name}${m.jsBatch !== m.batch ? `_batch${m.jsBatch}` : ''} ${pure.toFixed(0)}`);
      if (m.jsBatch === batch) console.log(`speedup_vs_purejs ${m.name} ${(pure / nativeMs).toFixed(0)}`);
    }
  }
  releaseBackend();
}

main().catch((error) => {
  console.error(error);
  releaseBackend();
  process.exitCode = 1;
});
