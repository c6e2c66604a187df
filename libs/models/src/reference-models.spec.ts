/**
 * The reference architectures of experiments/models compile to the same networks as their
 * PyTorch definitions (tools/reference/model_params.py → fixtures/reference-params.json), and a
 * batch goes through each.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from './tf';
import type { DataFacts } from '@ablate/spec';
import { compileFile, MODELS_DIR } from './testing/model-files';

const reference = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'reference-params.json'), 'utf8')).trainable_params as Record<string, number>;

const CASES: Array<[string, string, DataFacts, Record<string, unknown>]> = [
  ['fashion-mnist-cnn', 'fashion-mnist-cnn.yaml', { classes: 10, input_shape: [28, 28, 1] }, {}],
  ['hamida-3d-cnn', 'hamida-3d-cnn.yaml', { classes: 9, input_shape: [5, 5, 103] }, {}],
  ['hybridsn', 'hybridsn.yaml', { classes: 16, input_shape: [25, 25, 30] }, { bn: false }],
  ['hybridsn-bn', 'hybridsn.yaml', { classes: 16, input_shape: [25, 25, 30] }, { bn: true }],
  ['mobilenet-v1-cifar', 'mobilenet-v1-cifar.yaml', { classes: 10, input_shape: [32, 32, 3] }, {}],
  ['mobilenet-v2-cifar', 'mobilenet-v2-cifar.yaml', { classes: 10, input_shape: [32, 32, 3] }, {}],
  ['mobilenet-v1-notes', 'mobilenet-v1-notes.yaml', { classes: 10, input_shape: [32, 32, 3] }, {}],
  ['mobilenet-v2-notes', 'mobilenet-v2-notes.yaml', { classes: 10, input_shape: [32, 32, 3] }, {}],
  ['sentence-cnn', 'sentence-cnn.yaml', { classes: 2, input_shape: [50], input_dtype: 'int32', vocab_size: 20000 }, {}],
  ['se-cnn', 'se-cnn.yaml', { classes: 10, input_shape: [32, 32, 3] }, { se: true }],
  ['se-cnn-without-se', 'se-cnn.yaml', { classes: 10, input_shape: [32, 32, 3] }, { se: false }],
  ['transformer-classifier', 'transformer-classifier.yaml', { classes: 10, input_shape: [28, 28, 1] }, {}],
  ['dncnn', 'dncnn.yaml', { classes: 1, input_shape: [40, 40, 1] }, { depth: 17, features: 64, bn: true, residual: true }],
  ['dncnn-without-bn', 'dncnn.yaml', { classes: 1, input_shape: [40, 40, 1] }, { depth: 17, features: 64, bn: false, residual: true }],
  // The notes' chapter 7-8 networks, at the book's input sizes for one-channel Fashion-MNIST.
  ['lenet', 'lenet.yaml', { classes: 10, input_shape: [28, 28, 1] }, {}],
  ['lenet-bn', 'lenet-bn.yaml', { classes: 10, input_shape: [28, 28, 1] }, {}],
  ['alexnet', 'alexnet.yaml', { classes: 10, input_shape: [224, 224, 1] }, {}],
  ['vgg-11', 'vgg-11.yaml', { classes: 10, input_shape: [224, 224, 1] }, {}],
  ['vgg-11-narrow', 'vgg-11-narrow.yaml', { classes: 10, input_shape: [224, 224, 1] }, {}],
  ['nin', 'nin.yaml', { classes: 10, input_shape: [224, 224, 1] }, {}],
  ['googlenet', 'googlenet.yaml', { classes: 10, input_shape: [96, 96, 1] }, {}],
  ['resnet-18', 'resnet-18.yaml', { classes: 10, input_shape: [96, 96, 1] }, {}],
  ['densenet', 'densenet.yaml', { classes: 10, input_shape: [96, 96, 1] }, {}],
];

describe('reference architectures', () => {
  it('covers every PyTorch reference', () => {
    expect(CASES.map(([name]) => name).sort()).toEqual(Object.keys(reference).sort());
  });

  it.each(CASES)('%s has as many trainable parameters as in PyTorch and takes a batch', (name, file, facts, vars) => {
    const { model, summary } = compileFile(join(MODELS_DIR, file), facts, { vars });
    expect(summary.trainableParams).toBe(reference[name]);
    const outputShape = name.startsWith('dncnn') ? [null, ...facts.input_shape] : [null, facts.classes];
    expect(model.outputs[0].shape).toEqual(outputShape);
    // A batch through the networks of up to a billion multiply-accumulates an example: VGG-11 at 224x224
    // (7.6 G) takes over a minute in tfjs's JavaScript kernels, and its shapes are checked above.
    if (summary.macs > 1e9) {
      model.dispose();
      return;
    }
    const x = facts.input_dtype === 'int32' ? tf.randomUniform([2, ...facts.input_shape], 0, 20000, 'int32', 1) : tf.randomNormal([2, ...facts.input_shape], 0, 1, 'float32', 1);
    const y = model.predict(x) as tf.Tensor;
    // DnCNN outputs an image of its input's shape; the others one score per class.
    expect(y.shape).toEqual(name.startsWith('dncnn') ? [2, ...facts.input_shape] : [2, facts.classes]);
    expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('HybridSN for Indian Pines has 5,122,176 trainable parameters, as published', () => {
    expect(reference.hybridsn).toBe(5122176);
  });
});
