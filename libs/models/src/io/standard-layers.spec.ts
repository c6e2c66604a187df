/**
 * model.json rewritten with TensorFlow.js's own classes computes what ablate's classes compute:
 * MobileNetV2 (zero padding, batch norm with moved statistics, ReLU6, global average pooling) and
 * the sentence CNN (global max pooling over time, dropout) load from the rewritten topology and give
 * the same outputs; what has no twin stays ablate's and is listed.
 */
import { join } from 'node:path';
import { tf, tfl, type LayersModel } from '../tf';
import { compileFile, MODELS_DIR } from '../testing/model-files';
import { withStandardLayers } from './standard-layers';

async function rewritten(model: LayersModel): Promise<{ model: LayersModel; custom: string[] }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } })));
  const saved = artifacts as tf.io.ModelArtifacts;
  const { topology, custom } = withStandardLayers(saved.modelTopology as Record<string, unknown>, model);
  return { model: await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: topology, weightSpecs: saved.weightSpecs, weightData: saved.weightData })), custom };
}

describe("model.json with TensorFlow.js's own classes", () => {
  it.each([
    ['mobilenet-v2-cifar.yaml', { classes: 10, input_shape: [32, 32, 3] }, ['BatchNormalization', 'ReLU', 'ZeroPadding2D', 'GlobalAveragePooling2D']],
    ['sentence-cnn.yaml', { classes: 2, input_shape: [30], input_dtype: 'int32' as const, vocab_size: 300 }, ['GlobalMaxPooling1D', 'Dropout']],
  ])('of %s gives the same outputs', async (file, facts, twins) => {
    const { model } = compileFile(join(MODELS_DIR, file), facts);
    for (const layer of model.layers.filter((l) => l.getClassName() === 'AblateBatchNorm')) {
      for (const w of layer.weights) w.write(tf.randomUniform(w.shape as number[], 0.5, 1.5, 'float32', 3));
    }
    const standard = await rewritten(model);
    const classes = new Set(standard.model.layers.map((l) => l.getClassName()));
    for (const twin of twins) expect([twin, classes.has(twin)]).toEqual([twin, true]);
    expect(standard.model.layers.map((l) => l.getClassName()).filter((c) => c.startsWith('Ablate'))).toEqual(standard.custom.flatMap((c) => standard.model.layers.filter((l) => l.getClassName() === c).map(() => c)));
    const x = 'input_dtype' in facts ? tf.randomUniform([2, ...facts.input_shape], 0, 300, 'int32', 4) : tf.randomNormal([2, ...facts.input_shape], 0, 1, 'float32', 4);
    const a = (model.predict(x) as tf.Tensor).dataSync();
    const b = (standard.model.predict(x) as tf.Tensor).dataSync();
    expect(Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-5);
  });
});
