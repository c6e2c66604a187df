/** A compiled model saved in tfjs format and loaded back predicts exactly the same. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYaml } from '@ablate/config';
import type { ModelSpec } from '@ablate/spec';
import { compileModel } from '../compile/compile-model';
import type { DataFacts } from '@ablate/spec';
import { compileFile, MODELS_DIR } from '../testing/model-files';
import { tf, type LayersModel } from '../tf';
import { loadModel, saveModel } from './model-io';

async function roundTrip(model: LayersModel, facts: DataFacts) {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-model-'));
  await saveModel(model, dir);
  const loaded = await loadModel(dir);
  const x = tf.randomNormal([3, ...facts.input_shape], 0, 1, 'float32', 7);
  const before = (model.predict(x) as tf.Tensor).dataSync();
  const after = (loaded.predict(x) as tf.Tensor).dataSync();
  expect(Array.from(after)).toEqual(Array.from(before));
}

describe('save and load', () => {
  it.each([
    ['mobilenet-v2-cifar.yaml', { classes: 10, input_shape: [32, 32, 3] }, {}],
    ['se-cnn.yaml', { classes: 10, input_shape: [32, 32, 3] }, { se: true }],
    ['transformer-classifier.yaml', { classes: 10, input_shape: [28, 28, 1] }, {}],
    ['hybridsn.yaml', { classes: 16, input_shape: [25, 25, 30] }, { bn: true }],
  ] as Array<[string, DataFacts, Record<string, unknown>]>)('%s gives identical predictions after a round trip', async (file, facts, vars) => {
    await roundTrip(compileFile(join(MODELS_DIR, file), facts, { vars }).model, facts);
  });

  it('keeps every custom layer (grouped, dilated, padded, spatial dropout, global pooling)', async () => {
    const spec = parseYaml(
      `layers:
  - { type: conv2d, filters: 6, kernel: 3, groups: 3, padding: [[1, 0], [0, 1]] }
  - { type: conv2d, filters: 4, kernel: 3, dilation: 2, padding: same }
  - { type: depthwise_conv2d, kernel: 3, dilation: 2, depth_multiplier: 2 }
  - { type: batch_norm }
  - { type: spatial_dropout, rate: 0.2 }
  - { type: max_pool2d, pool: 2, padding: 1 }
  - { type: global_max_pool }
  - { type: dense, units: 3 }`,
      'custom.yaml',
    ).value as unknown as ModelSpec;
    const facts = { classes: 3, input_shape: [11, 11, 3] };
    await roundTrip(compileModel(spec, facts, { seed: 3 }).model, facts);
  });
});
