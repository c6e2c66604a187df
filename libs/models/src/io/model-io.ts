/** A model in TensorFlow.js format in a folder: model.json (topology + weights manifest) and weights.bin. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writing } from '@ablate/spec';
import { tf, tfl, type LayersModel } from '../tf';
import '../custom/register';

function concat(data: ArrayBuffer | ArrayBuffer[]): Buffer {
  return Array.isArray(data) ? Buffer.concat(data.map((b) => Buffer.from(b))) : Buffer.from(data);
}

export async function saveModel(model: LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const manifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }];
      const json = { format: artifacts.format, generatedBy: artifacts.generatedBy, convertedBy: null, modelTopology: artifacts.modelTopology, weightsManifest: manifest };
      writing(dir, () => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
        writeFileSync(join(dir, 'weights.bin'), concat(artifacts.weightData ?? new ArrayBuffer(0)));
      });
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
}

export async function loadModel(dir: string): Promise<LayersModel> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }> };
  const bytes = readFileSync(join(dir, 'weights.bin'));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
}
