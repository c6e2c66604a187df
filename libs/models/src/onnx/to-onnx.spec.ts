/**
 * The ONNX export of the seed networks runs in ONNX Runtime (onnxruntime-node, Microsoft's CPU
 * build) and gives tfjs's outputs within 1e-4 on the same inputs. Batch norms get moving
 * statistics and scales away from their initial 0/1 so that their conversion is exercised.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataFacts, ModelSpec } from '@ablate/spec';
import { tf, type LayersModel } from '../tf';
import { compileFile, MODELS_DIR } from '../testing/model-files';
import { compileModel } from '../compile/compile-model';
import { permuted } from './layer-converters';
import { toOnnx } from './to-onnx';

const CASES: Array<[string, string, DataFacts, Record<string, unknown>]> = [
  ['the Fashion-MNIST CNN', 'fashion-mnist-cnn.yaml', { classes: 10, input_shape: [28, 28, 1] }, {}],
  ['Hamida 3-D CNN', 'hamida-3d-cnn.yaml', { classes: 4, input_shape: [5, 5, 198] }, {}],
  ['HybridSN with batch norm', 'hybridsn.yaml', { classes: 16, input_shape: [25, 25, 30] }, { bn: true }],
  ['MobileNetV1', 'mobilenet-v1-cifar.yaml', { classes: 10, input_shape: [32, 32, 3] }, {}],
  ['MobileNetV2', 'mobilenet-v2-cifar.yaml', { classes: 10, input_shape: [32, 32, 3] }, {}],
  ['ResNet-18', 'resnet-18.yaml', { classes: 10, input_shape: [64, 64, 1] }, {}],
  ['DenseNet', 'densenet.yaml', { classes: 10, input_shape: [64, 64, 1] }, {}],
  ['GoogLeNet', 'googlenet.yaml', { classes: 10, input_shape: [96, 96, 1] }, {}],
  ['the SE CNN', 'se-cnn.yaml', { classes: 10, input_shape: [32, 32, 3] }, { se: true }],
  ['the sentence CNN', 'sentence-cnn.yaml', { classes: 2, input_shape: [50], input_dtype: 'int32', vocab_size: 500 }, {}],
  ['DnCNN', 'dncnn.yaml', { classes: 1, input_shape: [24, 24, 1] }, { depth: 5, features: 16, bn: true, residual: true }],
];

/** Moving statistics and scales drawn away from their initial values, from a fixed seed. */
function perturbBatchNorms(model: LayersModel): void {
  let seed = 7;
  for (const layer of model.layers.filter((l) => l.getClassName() === 'AblateBatchNorm')) {
    for (const w of layer.weights) {
      const name = w.originalName.split('/').pop();
      const [lo, hi] = name === 'moving_variance' || name === 'gamma' ? [0.5, 1.5] : [-0.3, 0.3];
      w.write(tf.randomUniform(w.shape as number[], lo, hi, 'float32', seed++));
    }
  }
}

/** The model's output in ONNX Runtime (onnxruntime-node), run in a process of its own. */
function runOnnx(bytes: Uint8Array, x: tf.Tensor): Float32Array {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-onnx-'));
  writeFileSync(join(dir, 'model.onnx'), bytes);
  writeFileSync(join(dir, 'input.bin'), Float32Array.from(x.dataSync()));
  const run = spawnSync(process.execPath, [join(__dirname, '..', 'testing', 'run-onnx.cjs'), join(dir, 'model.onnx'), join(dir, 'input.bin'), x.shape.join(','), join(dir, 'output.bin')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ONNX Runtime failed: ${run.stderr}`);
  const out = readFileSync(join(dir, 'output.bin'));
  return new Float32Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
}

describe('ONNX export', () => {
  it('reorders axes as a transpose does', () => {
    // [2, 3] -> [3, 2]
    expect(Array.from(permuted(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], [1, 0]))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it.each(CASES)('of %s gives what tfjs gives, within 1e-4, in ONNX Runtime', async (_name, file, facts, vars) => {
    const { model } = compileFile(join(MODELS_DIR, file), facts, { vars });
    perturbBatchNorms(model);
    const x = facts.input_dtype === 'int32' ? tf.cast(tf.randomUniform([3, ...facts.input_shape], 0, 500, 'int32', 2), 'float32') : tf.randomNormal([3, ...facts.input_shape], 0, 1, 'float32', 2);
    const expected = (model.predict(x) as tf.Tensor).dataSync();
    const got = runOnnx((await toOnnx(model, { name: file })).bytes, x);
    expect(got.length).toBe(expected.length);
    const worst = got.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i]) / Math.max(1, Math.abs(expected[i]))), 0);
    expect(worst).toBeLessThan(1e-4);
    model.dispose();
  });

  it("of ablate's own convolution (grouped and dilated, 1-D to 3-D) gives what tfjs gives", async () => {
    for (const [type, shape] of [['conv1d', [20, 4]], ['conv2d', [12, 12, 4]], ['conv3d', [8, 8, 8, 4]]] as const) {
      const spec = { layers: [{ type, filters: 6, kernel: 3, groups: 2, dilation: 2, padding: 'same', activation: 'relu' }, { type: 'conv1d' === type ? 'flatten' : 'global_avg_pool' }, { type: 'dense', units: 3 }] };
      const { model } = compileModel(spec as unknown as ModelSpec, { classes: 3, input_shape: [...shape] }, { seed: 1, pointer: '' });
      expect(model.layers.map((l) => l.getClassName())).toContain('AblateConv');
      const x = tf.randomNormal([2, ...shape], 0, 1, 'float32', 5);
      const expected = (model.predict(x) as tf.Tensor).dataSync();
      const got = runOnnx((await toOnnx(model, { name: type })).bytes, x);
      expect(Math.max(...Array.from(got, (v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-4);
      model.dispose();
    }
  });

  it('names every layer it cannot write, at once', async () => {
    const { model } = compileFile(join(MODELS_DIR, 'transformer-classifier.yaml'), { classes: 10, input_shape: [28, 28, 1] });
    await expect(toOnnx(model, { name: 'transformer' })).rejects.toThrow(/the model has layers the ONNX export cannot write: .*\(AblatePositionalEncoding\) has no ONNX form in ablate; .*\(AblateSelfAttention\)/);
    model.dispose();
  });
});
