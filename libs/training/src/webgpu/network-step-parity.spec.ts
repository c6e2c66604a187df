/**
 * One whole training step of each seed network (forward, cross-entropy, backward) gives the same
 * loss and the same gradient for every weight on webgpu as on the native CPU kernels, and every
 * kernel the step runs on webgpu is one the kernel parity test covers.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadFragment } from '@ablate/config';
import { compileModel } from '@ablate/models';
import { withDefaults, type DataFacts, type LossSpec, type ModelSpec } from '@ablate/spec';
import { createLoss } from '../loop/losses';
import { KERNEL_CASES } from '../testing/kernel-cases';
import { describeWebGpu, gradientErrors, inputs, onBoth, relativeDifference } from '../testing/webgpu';

const MODELS = join(__dirname, '..', '..', '..', '..', 'experiments', 'models');

/**
 * Tolerance of each gradient's relative L2 error (see gradientErrors). Networks without batch
 * norm agree to ~1e-6. Batch norm amplifies rounding differences on the way back through each
 * layer: measured on this test's batch, HybridSN <= 2e-3, MobileNetV1 <= 2e-4, MobileNetV2
 * <= 2e-2, where native and tfjs's pure-JavaScript kernels (both CPU) already differ by 5e-3.
 */
const NETWORKS: Array<[string, string, DataFacts, Record<string, unknown>, number]> = [
  ['Fashion-MNIST CNN', 'fashion-mnist-cnn.yaml', { classes: 10, input_shape: [28, 28, 1] }, {}, 1e-4],
  ['HamidaEtAl 3-D CNN', 'hamida-3d-cnn.yaml', { classes: 9, input_shape: [5, 5, 103] }, {}, 1e-4],
  ['HybridSN with batch norm', 'hybridsn.yaml', { classes: 16, input_shape: [25, 25, 30] }, { bn: true }, 1e-2],
  ['MobileNetV1 (CIFAR)', 'mobilenet-v1-cifar.yaml', { classes: 10, input_shape: [32, 32, 3] }, {}, 1e-3],
  ['MobileNetV2 (CIFAR)', 'mobilenet-v2-cifar.yaml', { classes: 10, input_shape: [32, 32, 3] }, {}, 5e-2],
  ['SE-CNN', 'se-cnn.yaml', { classes: 10, input_shape: [32, 32, 3] }, { se: true }, 1e-4],
];
const BATCH = 4;
const covered = new Set(KERNEL_CASES.flatMap((c) => c.kernels));

describeWebGpu('a training step of each seed network on webgpu matches the native kernels', () => {
  it.each(NETWORKS)('%s: loss and every gradient', async (_name, file, facts, vars, tolerance) => {
    const spec = loadFragment(join(MODELS, file), 'model').value as unknown as ModelSpec;
    const loss = createLoss(withDefaults({ loss: { type: 'cross_entropy' } as LossSpec }).loss as LossSpec, facts.classes, []);
    const models: Array<{ dispose(): void }> = [];
    const runs = await onBoth(() => {
      // The same seeded weights and batch on each backend, built there.
      const { model } = compileModel(spec, facts, { seed: 3, pointer: '', vars });
      models.push(model);
      const r = inputs(11);
      const x = r([BATCH, ...facts.input_shape]);
      const labels = tf.tensor1d(Array.from({ length: BATCH }, (_, i) => (3 * i + 1) % facts.classes), 'int32');
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => loss(model.apply(x, { training: true }) as tf.Tensor, { labels }), variables);
      return [value, ...variables.map((v) => grads[v.name])];
    });
    models.forEach((m) => m.dispose());
    expect(relativeDifference(runs.native[0], runs.webgpu[0])).toBeLessThan(1e-5);
    const errors = gradientErrors(runs.native.slice(1), runs.webgpu.slice(1));
    expect(errors.length).toBe(runs.native.length - 1);
    expect(errors.filter((e) => !(e < tolerance))).toEqual([]);
    expect([...runs.kernels].filter((k) => !covered.has(k))).toEqual([]);
  });
});
