/**
 * Grad-CAM against the class activation map it generalises: for a network that ends in global
 * average pooling and a dense layer, the gradient of a class score over each channel is that
 * channel's dense weight divided by the map's size, so Grad-CAM equals CAM (Zhou et al. 2016),
 * relu(Σ_k w_kc A_k), scaled to [0, 1]. And a layer's output read by walking the model equals
 * tfjs's own sub-model's.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { selectBackend } from '@ablate/backend';
import { gradCam, mapLayer, outputOf, outputTensor, penultimate } from './model-walk';

function network(): tfl.LayersModel {
  const input = tfl.input({ shape: [9, 9, 2] });
  const conv = tfl.layers.conv2d({ filters: 5, kernelSize: 3, activation: 'relu', name: 'conv', kernelInitializer: tfl.initializers.randomNormal({ seed: 1 }) }).apply(input) as tfl.SymbolicTensor;
  const pooled = tfl.layers.globalAveragePooling2d({ name: 'gap' }).apply(conv) as tfl.SymbolicTensor;
  const logits = tfl.layers.dense({ units: 3, name: 'head', kernelInitializer: tfl.initializers.randomNormal({ seed: 2 }) }).apply(pooled) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: logits });
}

describe('walking a trained model', () => {
  beforeAll(() => selectBackend('cpu'));

  it('gives Grad-CAM equal to the class activation map for global pooling and a dense head', async () => {
    const model = network();
    const x = tf.randomNormal([4, 9, 9, 2], 0, 1, 'float32', 3);
    const conv = mapLayer(model, 'last', 'grad_cam');
    expect(conv.name).toBe('conv');
    const { cams, predicted } = gradCam(model, conv, x);
    const features = outputOf(model, outputTensor(conv), x);
    const classes = Array.from(await predicted.data());
    expect(classes).toEqual(Array.from(await tf.argMax(model.predict(x) as tf.Tensor, -1).data()));
    const kernel = (model.getLayer('head').getWeights()[0]).arraySync() as number[][];
    const a = (await features.array()) as number[][][][];
    const got = (await cams.array()) as number[][][];
    for (let i = 0; i < 4; i++) {
      const c = classes[i];
      const cam = a[i].map((row) => row.map((channels) => Math.max(0, channels.reduce((s, v, k) => s + v * kernel[k][c], 0))));
      const peak = Math.max(...cam.flat(), 1e-12);
      cam.forEach((row, r) => row.forEach((v, col) => expect(got[i][r][col]).toBeCloseTo(v / peak, 5)));
    }
  });

  it("reads a layer's output as tfjs's sub-model does, and finds the features the head takes", async () => {
    const model = network();
    const x = tf.randomNormal([2, 9, 9, 2], 0, 1, 'float32', 4);
    const walked = outputOf(model, penultimate(model), x);
    const sub = tfl.model({ inputs: model.inputs, outputs: model.getLayer('gap').output as tfl.SymbolicTensor });
    expect(penultimate(model).name).toBe((model.getLayer('gap').output as tfl.SymbolicTensor).name);
    expect(Array.from(await walked.data())).toEqual(Array.from(await (sub.predict(x) as tf.Tensor).data()));
  });
});
