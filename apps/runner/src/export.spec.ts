/**
 * `ablate export` as a user meets it, on REAL Fashion-MNIST: a trained trial exported, then the
 * script of docs/export.md run in a plain Node process (no ablate, no TypeScript loader: only
 * TensorFlow.js, pngjs and the folder's loader) on the committed PNG images gives the classes and
 * probabilities `ablate predict` gives for them; so does the page's ONNX script, in ONNX Runtime.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadModel, tf } from '@ablate/models';
import { cli } from './testing/cli';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml');
const IMAGES = join(ROOT, 'data', 'images', 'fashion-mnist-png', 'test');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');


(hasFashionMnist ? describe : describe.skip)(`ablate export${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  it("gives a plain Node program ablate predict's classes and probabilities, for a residual CNN with ablate's own layer classes", async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-export-'));
    // A small ResNet-style block: explicit padding (ablate's ZeroPad), batch norm (its BatchNorm), a residual add.
    const residual =
      'model={layers: [{type: conv2d, filters: 4, kernel: 3, padding: 1, name: stem}, {type: batch_norm}, {type: relu}, {type: conv2d, filters: 4, kernel: 3, padding: 1, name: branch}, {type: add, inputs: [stem, branch]}, {type: max_pool2d, pool: 4}, {type: flatten}, {type: dense, units: 10}]}';
    const common = ['--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', residual, '--set', 'training.epochs=1'];
    expect((await cli(['exec', ...common, '--set', 'report.plots=false'])).code).toBe(0);
    const out = join(results, 'exported');
    const exported = await cli(['export', ...common, '--out', out, '--onnx']);
    expect(exported.err).toBe('');
    expect(exported.out).toMatch(/exported to .*: model\.json, weights\.bin, preprocessing\.json \(1 fitted step\(s\), 10 classes\), ablate-model\.cjs, model\.onnx/);

    // Every ablate class of this model has a TensorFlow.js twin: plain tfjs loads model.json, without the loader.
    const info = JSON.parse(readFileSync(join(out, 'preprocessing.json'), 'utf8')) as { customLayers: string[] };
    expect(info.customLayers).toEqual([]);
    const plain = join(mkdtempSync(join(tmpdir(), 'ablate-plain-')), 'plain.js');
    writeFileSync(plain, PLAIN_TFJS);
    const plainRun = spawnSync(process.execPath, [plain, out], { encoding: 'utf8', env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } });
    expect(plainRun.status === 0 ? '' : plainRun.stderr).toBe('');
    const id = /trial ([0-9a-f]{12}) exported/.exec(exported.out)?.[1] as string;
    const reference = await loadModel(join(results, 'fmnist-tiny', id, 'model'));
    const x = tf.tensor(Float32Array.from({ length: 2 * 28 * 28 }, (_, i) => (i % 17) / 17), [2, 28, 28, 1]);
    const want = Array.from((reference.predict(x) as tf.Tensor).dataSync());
    const got = JSON.parse(plainRun.stdout) as number[];
    expect(got.map((v, i) => Math.abs(v - want[i]) <= 1e-6 * Math.max(1, Math.abs(want[i])))).toEqual(want.map(() => true));

    const csv = join(results, 'predicted.csv');
    expect((await cli(['predict', ...common, '--data', `{type: image_folder, path: ${IMAGES}}`, '--out', csv])).code).toBe(0);
    const expected = parse(readFileSync(csv, 'utf8'), { columns: true }) as Array<Record<string, string>>;

    const page = readFileSync(join(ROOT, 'docs', 'export.md'), 'utf8');
    const scripts = [...page.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => m[1]);
    expect(scripts).toHaveLength(2);
    const files = readdirSync(IMAGES).sort().flatMap((c) => readdirSync(join(IMAGES, c)).sort().map((f) => join(IMAGES, c, f)));
    // The TensorFlow.js script gives predict's probabilities within float32 rounding; ONNX Runtime's kernels within 1e-4.
    for (const [source, tolerance] of [[scripts[0], 1e-5], [scripts[1], 1e-4]] as const) {
      const script = join(mkdtempSync(join(tmpdir(), 'ablate-classify-')), 'classify.js');
      writeFileSync(script, source);
      const run = spawnSync(process.execPath, [script, out, ...files], { encoding: 'utf8', env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } });
      expect(run.status === 0 ? '' : run.stderr).toBe('');
      expect(mismatches(run.stdout, expected, tolerance)).toEqual([]);
    }
  }, 120000);
});

/** A program with TensorFlow.js alone (no ablate loader): model.json and weights.bin, two fixed examples, the outputs as JSON. */
const PLAIN_TFJS = `
require('@tensorflow/tfjs-backend-cpu');
const tf = require('@tensorflow/tfjs-core');
const tfl = require('@tensorflow/tfjs-layers');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const dir = process.argv[2];
const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
const bytes = readFileSync(join(dir, 'weights.bin'));
const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData })).then((model) => {
  const x = tf.tensor(Float32Array.from({ length: 2 * 28 * 28 }, (_, i) => (i % 17) / 17), [2, 28, 28, 1]);
  process.stdout.write(JSON.stringify(Array.from(model.predict(x).dataSync())));
});
`;

/** The script's lines (`file: class [probabilities]`) that do not match predict's rows. */
function mismatches(stdout: string, expected: Array<Record<string, string>>, tolerance: number): string[] {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(expected.length);
  return lines.flatMap((line, i) => {
    const [, file, predicted, probabilities] = /^(.*): (.*?) (\[.*\])$/.exec(line) ?? [];
    const row = expected[i];
    const p = JSON.parse(probabilities) as number[];
    const want = Object.keys(row).filter((k) => k.startsWith('p_')).map((k) => Number(row[k]));
    const close = p.every((v, k) => Math.abs(v - want[k]) <= tolerance + tolerance * want[k]);
    return file.endsWith(row.id.split('/').slice(-3).join('/')) && predicted === row.predicted && close ? [] : [line];
  });
}
