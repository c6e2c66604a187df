/**
 * Benchmark: the training step (Adam, cross-entropy) of the reference models on each backend asked
 * for, and in PyTorch (Debian's python3-torch, or the Python in ABLATE_PYTHON, on its GPU when it
 * sees one), in one run. Each model gets a fresh child process of its own (so that its peak
 * resident memory is its own), which builds the model on every backend asked for and runs an
 * uncounted warm-up (at least --warmup-seconds, 3 s by default). Then each round measures the
 * child's backends and PyTorch (a fresh python process per round, with a warm-up as long) one
 * after the other (A B A B ...), `--steps` steps each, and keeps the round's median; the lines
 * give min/median/max over the rounds:
 *   step_ms <model> <backend> min/median/max
 *   ratio_vs_native <model> webgpu min/median/max         (webgpu step / native step, per round)
 *   ratio_vs_pytorch <model> <backend> min/median/max (pytorch <cpu|cuda>)   (the goal: <= 1.3)
 *   peak_rss_mb <model> ours <MB> (at start <MB>) pytorch min/median/max (at start <MB>) ratio <r>
 *       the resident high-water mark of the process running the steps (ours: /proc/self/status
 *       VmHWM of the child, all its backends; PyTorch: getrusage's ru_maxrss of each round's
 *       process), and before any model was built (tfjs / torch loaded). Goal: ratio <= 1.5
 *   rss_mb_by_round <model> ours <MB> <MB> ...  the child's resident memory after each round (flat
 *       when a step leaks nothing)
 * then the kernels that take the native step's time (tf.profile of one step: share of the kernels'
 * time, the step's time outside kernels, kernels and new tensors per step), and the speed-up over
 * pure JavaScript, which is slow: `--js-steps` steps (default 3), HybridSN at batch 4 only. The
 * backends default to native, plus webgpu when a hardware GPU adapter is present (on a software
 * one, such as lavapipe, ask for it: --backends native,webgpu). A backend or PyTorch that is asked
 * for and fails makes the benchmark fail (--no-pytorch leaves PyTorch out).
 *   npx nx run bench:kernels [--backends native,webgpu] [--rounds 5] [--steps 10] [--models a,b]
 *                            [--batch N] [--threads N] [--js-steps 3] [--no-js] [--no-pytorch]
 *                            [--warmup-seconds 3]
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { disableNative, enableNative, loadBinding, probeWebGpu, releaseBackend, selectBackend } from '@ablate/backend';
import { loadFragment } from '@ablate/config';
import { compileModel, tf } from '@ablate/models';
import { withDefaults, type LossSpec, type ModelSpec, type OptimizerSpec } from '@ablate/spec';
import { createLoss, createOptimizer, leanVariableGrads } from '@ablate/training';
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
    'warmup-seconds': { type: 'string' },
    'no-js': { type: 'boolean' },
    'no-pytorch': { type: 'boolean' },
    models: { type: 'string' },
    /** Internal: this process is the child that measures one model (see runChild). */
    child: { type: 'string' },
  },
});
const threads = Number(opts.threads ?? cpus().length);
const steps = Number(opts.steps ?? 10);
const jsSteps = Number(opts['js-steps'] ?? 3);
/**
 * Each side's warm-up before it is measured: at least this long (and at least 2-3 steps), so that
 * both are timed in the steady state a training reaches in its first seconds. Ours needs it: V8
 * compiles tfjs's hot JavaScript with its optimising compiler only after many calls (the
 * Fashion-MNIST CNN's step: 7.1-7.8 ms over its first 300 steps, 4.5-4.9 ms after); PyTorch gets
 * the same.
 */
const warmupSeconds = Number(opts['warmup-seconds'] ?? 3);
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
  const optimizer = createOptimizer(withDefaults({ optimizer: { type: 'adam' } as OptimizerSpec }).optimizer as OptimizerSpec);
  const loss = createLoss(withDefaults({ loss: { type: 'cross_entropy' } as LossSpec }).loss as LossSpec, m.classes, []);
  const x = tf.randomNormal([batch, ...m.shape], 0, 1, 'float32', 1);
  const y = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % m.classes), 'int32');
  const run = () =>
    tf.tidy(() => {
      // As train.ts steps: the backward pass frees its memory as it goes.
      const { value, grads } = leanVariableGrads(() => loss(model.apply(x, { training: true }) as tf.Tensor, { labels: y }) as tf.Scalar, variables);
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

/** This process's resident memory now (VmRSS) or its high-water mark (VmHWM), in MB. */
function rssMb(field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  if (!line) throw new Error(`/proc/self/status has no ${field}`);
  return Number(/(\d+)\s*kB/.exec(line)?.[1]) / 1024;
}

/** What the child answers: one line of JSON per command. */
interface Ready {
  labels: string[];
  startRssMb: number;
}
interface Round {
  times: Record<string, number>;
  rssMb: number;
}
interface Finish {
  peakRssMb: number;
  profile: string;
  purejs?: number;
}

/**
 * The child measuring one model: builds it on each backend, runs the warm-up round, says `ready`,
 * then on each `round` line measures every backend `steps` steps and answers their medians; on
 * `finish` reads its memory high-water mark, profiles one native step and, unless --no-js, times
 * pure JavaScript, answers and exits.
 */
async function runChild(name: string): Promise<void> {
  const m = MODELS.find((x) => x.name === name);
  if (!m) throw new Error(`unknown model ${name}`);
  const binding = loadBinding();
  if (!binding.ok) throw new Error(`native kernels unavailable: ${binding.reason}`);
  const backends = (opts.backends ?? 'native').split(',') as Backend[];
  const batch = batchOverride ?? m.batch;
  const send = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);
  const startRssMb = rssMb('VmRSS');
  const labels: string[] = [];
  const steppers = new Map<Backend, ReturnType<typeof stepper>>();
  for (const b of backends) {
    labels.push(`${b}: ${(await selectBackend(b, { threads })).label}`);
    steppers.set(b, stepper(m, batch));
  }
  const measure = async (count: number) => {
    const times: Record<string, number> = {};
    for (const b of backends) {
      await selectBackend(b, { threads });
      times[b] = await medianStep((steppers.get(b) as ReturnType<typeof stepper>).step, count);
    }
    return times;
  };
  // The warm-up round nobody counts: shader compilation, first allocations, and a driver's
  // background work after them (Mesa writes its shader cache, which slowed the next native steps
  // up to 4x here) happen there.
  const warmupStart = performance.now();
  do await measure(2);
  while (performance.now() - warmupStart < warmupSeconds * 1000);
  send({ labels, startRssMb } satisfies Ready);
  const nativeTimes: number[] = [];
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'round') {
      const times = await measure(steps);
      nativeTimes.push(times.native);
      send({ times, rssMb: rssMb('VmRSS') } satisfies Round);
      continue;
    }
    if (line !== 'finish') throw new Error(`unknown command ${line}`);
    const peakRssMb = rssMb('VmHWM');
    await selectBackend('native', { threads });
    const native = steppers.get('native') as ReturnType<typeof stepper>;
    const profile = await tf.profile(() => native.run());
    // The time outside kernels: of the measured (unprofiled) step, what the kernels do not take.
    const stepMs = median(nativeTimes);
    const byKernel = new Map<string, number>();
    for (const k of profile.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (k.kernelTimeMs as number));
    const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
    const top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}:${((100 * v) / total).toFixed(0)}%`);
    const summary = `${top.join(' ')} outside-kernels:${Math.max(0, (100 * (stepMs - total)) / stepMs).toFixed(0)}% kernels:${profile.kernels.length} new-tensors:${profile.newTensors}`;
    for (const b of backends) {
      await selectBackend(b, { threads });
      steppers.get(b)?.dispose();
    }
    let purejs: number | undefined;
    if (!opts['no-js'] && m.jsBatch > 0) {
      await selectBackend('native', { threads });
      disableNative();
      const js = stepper(m, m.jsBatch);
      await js.step();
      purejs = await medianStep(js.step, jsSteps);
      js.dispose();
      enableNative(binding.binding);
    }
    send({ peakRssMb, profile: summary, purejs } satisfies Finish);
    break;
  }
  releaseBackend();
}

/** The child of one model, spoken to line by line. */
function childProcess(model: string, backends: Backend[]) {
  const args = [...process.execArgv, __filename, '--child', model, '--backends', backends.join(','), '--threads', String(threads), '--steps', String(steps), '--js-steps', String(jsSteps), ...(opts.batch ? ['--batch', opts.batch] : []), ...(opts['no-js'] ? ['--no-js'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const next = async <T>(): Promise<T> => {
    const line = await lines.next();
    if (line.done) throw new Error(`the benchmark's child for ${model} ended (exit status ${await exited}) without an answer`);
    return JSON.parse(line.value) as T;
  };
  return {
    next,
    ask: async <T>(command: string): Promise<T> => {
      child.stdin.write(`${command}\n`);
      return next<T>();
    },
    /** Ends the child without its answer (the benchmark failed). */
    abort: () => {
      if (child.exitCode === null) child.kill();
    },
    done: async () => {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the benchmark's child for ${model} exited with status ${code}`);
    },
  };
}

function pytorchStep(model: string, batch: number): { ms: number; device: string; peakRssMb: number; startRssMb: number } {
  const out = execFileSync(PYTHON, [join(ROOT, 'tools', 'reference', 'train_step_bench.py'), String(threads), String(steps), model, String(batchOverride ? batch : 0), String(warmupSeconds)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const result = JSON.parse(out) as { device: string; device_name: string; seconds: Record<string, number>; peak_rss_mb: Record<string, number>; start_rss_mb: number };
  if (!(result.seconds[model] > 0)) throw new Error(`PyTorch gave no step time for ${model}: ${out}`);
  return { ms: result.seconds[model] * 1000, device: result.device === 'cpu' ? 'cpu' : `${result.device} ${result.device_name}`, peakRssMb: result.peak_rss_mb[model], startRssMb: result.start_rss_mb };
}

function chosenBackends(): Backend[] {
  if (opts.backends) return opts.backends.split(',') as Backend[];
  const gpu = probeWebGpu();
  return gpu.ok && !gpu.adapter.software ? ['native', 'webgpu'] : ['native'];
}

async function main() {
  const rounds = roundsOf(opts.rounds);
  const backends = chosenBackends();
  if (!backends.includes('native')) throw new Error('--backends must include native (the profile and the ratios are of the native step)');
  const selected = MODELS.filter((x) => !opts.models || opts.models.split(',').includes(x.name));
  if (opts.models && selected.length !== opts.models.split(',').length) throw new Error(`--models: known models are ${MODELS.map((x) => x.name).join(', ')}`);
  let printed = false;
  for (const m of selected) {
    const batch = batchOverride ?? m.batch;
    const child = childProcess(m.name, backends);
    try {
      await measureModel(m, batch, child, rounds, backends, !printed);
    } finally {
      child.abort();
    }
    printed = true;
  }
}

async function measureModel(m: Model, batch: number, child: ReturnType<typeof childProcess>, rounds: number, backends: Backend[], header: boolean) {
  const ready = await child.next<Ready>();
  if (header) console.log(`threads ${threads}, ${rounds} rounds of ${steps} steps, a fresh process per model; ${ready.labels.join('; ')}`);
  const times = new Map<string, number[]>(backends.map((b) => [b, []]));
  const rss: number[] = [];
  const torch = { device: '', peak: [] as number[], start: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const round = await child.ask<Round>('round');
    for (const b of backends) times.get(b)?.push(round.times[b]);
    rss.push(round.rssMb);
    if (!opts['no-pytorch']) {
      const p = pytorchStep(m.name, batch);
      torch.device = p.device;
      torch.peak.push(p.peakRssMb);
      torch.start.push(p.startRssMb);
      times.set('pytorch', [...(times.get('pytorch') ?? []), p.ms]);
    }
  }
  const finish = await child.ask<Finish>('finish');
  await child.done();
  const label = `${m.name}${batch !== m.batch ? `_batch${batch}` : ''}`;
  for (const [b, t] of times) console.log(`step_ms ${label} ${b} ${spread(t, 1)}`);
  const per = (b: string) => times.get(b) as number[];
  if (backends.includes('webgpu')) console.log(`ratio_vs_native ${label} webgpu ${spread(ratios(per('webgpu'), per('native')), 2)}`);
  if (!opts['no-pytorch']) for (const b of backends) console.log(`ratio_vs_pytorch ${label} ${b} ${spread(ratios(per(b), per('pytorch')), 2)} (pytorch ${torch.device})`);
  const ours = `peak_rss_mb ${label} ours ${finish.peakRssMb.toFixed(0)} (at start ${ready.startRssMb.toFixed(0)})`;
  console.log(opts['no-pytorch'] ? ours : `${ours} pytorch ${spread(torch.peak, 0)} (at start ${median(torch.start).toFixed(0)}) ratio ${(finish.peakRssMb / median(torch.peak)).toFixed(2)}`);
  console.log(`rss_mb_by_round ${label} ours ${rss.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`profile ${label} native ${finish.profile}`);
  if (finish.purejs !== undefined) {
    console.log(`purejs_step_ms ${m.name}${m.jsBatch !== m.batch ? `_batch${m.jsBatch}` : ''} ${finish.purejs.toFixed(0)}`);
    if (m.jsBatch === batch) console.log(`speedup_vs_purejs ${m.name} ${(finish.purejs / median(per('native'))).toFixed(0)}`);
  }
}

(opts.child ? runChild(opts.child) : main()).catch((error) => {
  console.error(error);
  if (opts.child) releaseBackend();
  process.exitCode = 1;
});
