/**
 * The fused optimizer step (libs/backend's AblateOptimizerStep, one native call for every
 * variable) against the tfjs operations it replaces, on the native backend: after several steps
 * on seeded gradients, the weights and every slot are byte-identical, for each rule and option
 * (coupled and decoupled decay, momentum, Nesterov, centered), with variables above and below the
 * size where the native loops go parallel. Each run proves which path it took from tf.profile:
 * the fused one dispatches AblateOptimizerStep and no arithmetic kernel, the other the opposite.
 * CI sets ABLATE_REQUIRE_NATIVE=1 so that a missing build fails instead of skipping.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSpec } from '@ablate/spec';
import { stream, withDefaults } from '@ablate/spec';
import { loadBinding, OPTIMIZER_STEP, releaseBackend, selectBackend } from '@ablate/backend';
import { createOptimizer } from './create-optimizer';
import { allowFusedOptimizer } from './state';

const binding = loadBinding();
if (process.env.ABLATE_REQUIRE_NATIVE && !binding.ok) throw new Error(`ABLATE_REQUIRE_NATIVE is set but ${binding.reason}`);
const suite = binding.ok ? describe : describe.skip;

const SHAPES = [[1], [5, 5, 1, 6], [7], [300, 120]]; // 36,000 values: above kParallelMin (32,768)
const STEPS = 6;
const CASES: [string, OptimizerSpec][] = [
  ['adam', { type: 'adam', lr: 0.01 }],
  ['adam, coupled decay, own betas', { type: 'adam', lr: 0.01, weight_decay: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 }],
  ['adamw (default decay 0.01)', { type: 'adamw', lr: 0.01 }],
  ['adamw, decay 0', { type: 'adamw', lr: 0.01, weight_decay: 0 }],
  ['sgd', { type: 'sgd', lr: 0.01 }],
  ['sgd, momentum', { type: 'sgd', lr: 0.01, momentum: 0.9 }],
  ['sgd, nesterov, decay', { type: 'sgd', lr: 0.01, momentum: 0.9, nesterov: true, weight_decay: 1e-3 }],
  ['rmsprop', { type: 'rmsprop', lr: 0.01 }],
  ['rmsprop, centered, momentum, decay', { type: 'rmsprop', lr: 0.01, centered: true, momentum: 0.5, weight_decay: 1e-2, rho: 0.9 }],
  ['rmsprop, momentum', { type: 'rmsprop', lr: 0.01, momentum: 0.9 }],
];

/** Seeded values of a shape (uniform in [-scale, scale]). */
function seeded(random: () => number, shape: number[], scale: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => (2 * random() - 1) * scale), shape);
}

interface Run {
  /** The weights' bytes before the steps. */
  initial: Uint8Array[];
  bytes: Uint8Array[];
  kernels: Set<string>;
}

const bytesOf = (x: tf.Tensor) => new Uint8Array((x.dataSync() as Float32Array).slice().buffer);

/** STEPS steps from the same seeded weights and gradients (a varying learning rate); the bytes of every weight and slot, and the kernels of all steps. */
async function run(spec: OptimizerSpec, fused: boolean): Promise<Run> {
  const previous = allowFusedOptimizer(fused);
  const random = stream(11, 'fused-optimizer-step');
  const variables = SHAPES.map((s) => tf.variable(seeded(random, s, 1)));
  const initial = variables.map(bytesOf);
  const optimizer = createOptimizer(withDefaults({ optimizer: spec }).optimizer as OptimizerSpec);
  const kernels = new Set<string>();
  try {
    for (let t = 0; t < STEPS; t++) {
      const grads = SHAPES.map((s) => seeded(random, s, t === 2 ? 1e-3 : 2));
      const profile = await tf.profile(() => optimizer.step(variables, grads, 0.01 * (1 + t)));
      profile.kernels.forEach((k) => kernels.add(k.name));
      tf.dispose(grads);
    }
    const state = optimizer.state();
    const tensors = [...variables, ...Object.keys(state.slots).sort().map((k) => state.slots[k])];
    return { initial, bytes: tensors.map(bytesOf), kernels };
  } finally {
    optimizer.dispose();
    tf.dispose(variables);
    allowFusedOptimizer(previous);
  }
}

suite('the fused optimizer step', () => {
  beforeAll(async () => {
    await selectBackend('native', { threads: 2 });
  });
  afterAll(() => {
    releaseBackend();
    tf.setBackend('cpu');
  });

  it.each(CASES)('%s: bitwise the trajectory of the tfjs operations', async (_name, spec) => {
    const fused = await run(spec, true);
    const ops = await run(spec, false);
    expect([...fused.kernels].filter((k) => k !== 'ZerosLike')).toEqual([OPTIMIZER_STEP]);
    expect(ops.kernels.has(OPTIMIZER_STEP)).toBe(false);
    expect(ops.kernels.has('Sub')).toBe(true);
    expect(fused.bytes.length).toBe(ops.bytes.length);
    fused.bytes.forEach((b, i) => expect(Buffer.compare(Buffer.from(b), Buffer.from(ops.bytes[i]))).toBe(0));
    // The steps moved every weight: the comparison is not of untouched copies.
    fused.initial.forEach((b, i) => expect(Buffer.compare(Buffer.from(b), Buffer.from(fused.bytes[i]))).not.toBe(0));
  });

  it('falls back to the tfjs operations where the backend has no fused kernel (pure JavaScript)', async () => {
    await selectBackend('cpu');
    const ops = await run({ type: 'adam', lr: 0.01 }, true);
    expect(ops.kernels.has(OPTIMIZER_STEP)).toBe(false);
    expect(ops.kernels.has('Sub')).toBe(true);
    await selectBackend('native', { threads: 2 });
  });
});
