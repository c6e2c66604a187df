/**
 * The example plug-in's components checked as a researcher would check their own: CBAM against a
 * plain-loop reference and its gradients against finite differences, the focal loss against
 * cross-entropy and its formula, top-2 accuracy by hand, and the netpbm loader on REAL
 * Fashion-MNIST test images written as PGM/PPM by PIL (tools/image-data), value for value.
 */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadDataset, type ExampleDataset } from '@ablate/data';
import { loadPlugins, stream } from '@ablate/spec';
import { createLoss } from '@ablate/training';
import { tf } from '@ablate/models';
import plugin, { Cbam } from '../../../experiments/plugins/attention-components';
import './host';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLE = join(ROOT, 'experiments', 'plugins', 'attention-components.ts');
loadPlugins([{ file: EXAMPLE, shown: 'experiments/plugins/attention-components.ts' }]);

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** CBAM on one [h, w, c] example with plain loops: the definition of Woo et al. (2018), zero padding. */
function referenceCbam(x: Float32Array, [h, w, c]: number[], weights: Float32Array[], k: number): Float64Array {
  const [w1, b1, w2, b2, spatial] = weights;
  const hidden = b1.length;
  const avg = new Float64Array(c);
  const max = new Float64Array(c).fill(-Infinity);
  for (let p = 0; p < h * w; p++) for (let ch = 0; ch < c; ch++) {
    avg[ch] += x[p * c + ch] / (h * w);
    max[ch] = Math.max(max[ch], x[p * c + ch]);
  }
  const mlp = (v: Float64Array) => {
    const z = Array.from({ length: hidden }, (_, j) => Math.max(0, b1[j] + Array.from(v).reduce((s, vi, i) => s + vi * w1[i * hidden + j], 0)));
    return Array.from({ length: c }, (_, i) => b2[i] + z.reduce((s, zj, j) => s + zj * w2[j * c + i], 0));
  };
  const [ma, mm] = [mlp(avg), mlp(max)];
  const refined = Float64Array.from(x, (v, i) => v * sigmoid(ma[i % c] + mm[i % c]));
  const mapIn = (p: number, which: number) => {
    let s = which === 0 ? 0 : -Infinity;
    for (let ch = 0; ch < c; ch++) s = which === 0 ? s + refined[p * c + ch] / c : Math.max(s, refined[p * c + ch]);
    return s;
  };
  const out = new Float64Array(refined.length);
  const pad = Math.floor((k - 1) / 2);
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
    let s = 0;
    for (let di = 0; di < k; di++) for (let dj = 0; dj < k; dj++) {
      const [y, z] = [i + di - pad, j + dj - pad];
      if (y < 0 || y >= h || z < 0 || z >= w) continue;
      for (let m = 0; m < 2; m++) s += mapIn(y * w + z, m) * spatial[(di * k + dj) * 2 + m];
    }
    for (let ch = 0; ch < c; ch++) out[(i * w + j) * c + ch] = refined[(i * w + j) * c + ch] * sigmoid(s);
  }
  return out;
}

/** A CBAM layer built on `shape`, its weights set from a seeded stream (its own placeholders are zeros). */
function cbamOn(shape: number[], reduction: number, kernel: number): { layer: Cbam; weights: Float32Array[] } {
  const layer = new Cbam({ reduction, kernel });
  layer.build([null, ...shape]);
  const random = stream(7, 'cbam-test');
  const weights = layer.getWeights().map((t) => Float32Array.from({ length: t.size }, () => random() * 2 - 1));
  layer.setWeights(weights.map((values, i) => tf.tensor(values, layer.getWeights()[i].shape)));
  return { layer, weights };
}

describe('the example plug-in', () => {
  it('registers its layer, loss, metric and dataset under the names the YAML uses', () => {
    expect(Object.keys(plugin.layers)).toEqual(['cbam']);
    expect(Object.keys(plugin.losses)).toEqual(['focal']);
    expect(Object.keys(plugin.metrics)).toEqual(['top2_accuracy']);
    expect(Object.keys(plugin.datasets)).toEqual(['netpbm_folder']);
  });

  it('CBAM computes what its definition says, on a 2-D feature map', () => {
    const shape = [4, 5, 6];
    const { layer, weights } = cbamOn(shape, 2, 3);
    const random = stream(3, 'cbam-input');
    const x = Float32Array.from({ length: 4 * 5 * 6 }, () => random() * 4 - 2);
    const got = (layer.apply(tf.tensor(x, [1, ...shape])) as tf.Tensor).dataSync();
    const want = referenceCbam(x, shape, weights, 3);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });

  it.each([
    ['a 2-D feature map', [4, 4, 6]],
    ['a 3-D feature map (a hyperspectral 3-D CNN)', [5, 3, 3, 4]],
  ])('CBAM has the gradients finite differences give, on %s', (_, shape) => {
    const { layer } = cbamOn(shape, 2, 3);
    const random = stream(5, 'cbam-grad');
    const x = tf.variable(tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 2) }, () => random() * 2 - 1), [2, ...shape]));
    const r = tf.tensor(Float32Array.from({ length: x.size }, () => random() * 2 - 1), x.shape);
    const loss = () => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, r)) as tf.Scalar;
    const variables = [...layer.trainableWeights.map((w) => w.read() as tf.Variable), x];
    const { grads } = tf.variableGrads(loss, variables);
    // Central differences in float32: a step small enough not to cross the kinks of ReLU and max
    // (where the derivative jumps), large enough for float32's rounding.
    const eps = 1e-3;
    const wrong: unknown[] = [];
    for (const v of variables) {
      const analytic = grads[v.name].dataSync();
      const values = v.dataSync().slice();
      for (let i = 0; i < values.length; i += Math.max(1, Math.floor(values.length / 7))) {
        const at = (delta: number) => {
          const moved = values.slice();
          moved[i] += delta;
          v.assign(tf.tensor(moved, v.shape));
          return loss().dataSync()[0];
        };
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        v.assign(tf.tensor(values, v.shape));
        if (Math.abs(numeric - analytic[i]) > 5e-3 + 1e-2 * Math.abs(analytic[i])) wrong.push({ weight: v.name, i, numeric, analytic: analytic[i] });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the focal loss is cross-entropy at gamma 0, and -(1 - p)^gamma log p at gamma 2', () => {
    const logits = tf.tensor2d([
      [2, 0.5, -1],
      [0.1, 0.2, 0.3],
    ]);
    const labels = tf.tensor1d([0, 2], 'int32');
    const focal = (gamma: number) => createLoss({ type: 'focal', gamma } as never, 3, [1, 0, 1])(logits, { labels }).dataSync()[0];
    const crossEntropy = createLoss({ type: 'cross_entropy', label_smoothing: 0, class_weights: 'none' } as never, 3, [1, 0, 1])(logits, { labels }).dataSync()[0];
    expect(focal(0)).toBeCloseTo(crossEntropy, 6);
    const p = tf.softmax(logits).arraySync() as number[][];
    const expected = (-((1 - p[0][0]) ** 2) * Math.log(p[0][0]) - (1 - p[1][2]) ** 2 * Math.log(p[1][2])) / 2;
    expect(focal(2)).toBeCloseTo(expected, 6);
  });

  it('top-2 accuracy counts a true class among the two highest outputs', () => {
    // Example 1: true class first; 2: second; 3: third; 4: tied for second with another.
    const scores = Float32Array.from([3, 2, 1, 2, 3, 1, 1, 2, 3, 1, 2, 2]);
    const truth = Int32Array.from([0, 0, 0, 1]);
    expect(plugin.metrics.top2_accuracy.compute({ task: 'classification', truth, predicted: new Int32Array(4), scores, classes: 3 })).toBe(3 / 4);
  });

  describe('netpbm_folder', () => {
    const idx = (file: string, header: number) => gunzipSync(readFileSync(join('/usr/share/datasets/fashion-mnist', file))).subarray(header);
    const hasData = existsSync('/usr/share/datasets/fashion-mnist');

    (hasData ? it : it.skip)(`loads PIL's PGM class folders as the Fashion-MNIST test images they hold, value for value${hasData ? '' : ' (skipped: Fashion-MNIST is not installed)'}`, () => {
      const data = loadDataset({ type: 'netpbm_folder', dir: 'fashion-mnist-pgm' } as never, { baseDir: join(ROOT, 'data', 'images') }) as ExampleDataset;
      expect([data.kind, data.shape, data.classes, data.y.length]).toEqual(['examples', [28, 28, 1], 10, 30]);
      expect(data.classNames).toEqual(['Ankle_boot', 'Bag', 'Coat', 'Dress', 'Pullover', 'Sandal', 'Shirt', 'Sneaker', 'T-shirt_top', 'Trouser']);
      const images = idx('t10k-images-idx3-ubyte.gz', 16);
      const labels = idx('t10k-labels-idx1-ubyte.gz', 8);
      const idxNames = ['T-shirt_top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle_boot'];
      data.files.forEach((file, i) => {
        const index = Number(/(\d+)\.pgm$/.exec(file.shown)?.[1]);
        expect([file.shown, data.classNames[data.y[i]]]).toEqual([file.shown, idxNames[labels[index]]]);
        expect(Buffer.from(data.x.subarray(i * 784, (i + 1) * 784)).equals(images.subarray(index * 784, (index + 1) * 784))).toBe(true);
      });
    });

    it('loads PPM (RGB) images with three channels', () => {
      const data = loadDataset({ type: 'netpbm_folder', dir: 'fashion-mnist-ppm' } as never, { baseDir: join(ROOT, 'data', 'images') }) as ExampleDataset;
      expect([data.shape, data.classes, data.y.length]).toEqual([[28, 28, 3], 2, 4]);
      // PIL's grey-to-RGB copies the grey value into each channel.
      const pixel = Array.from(data.x.subarray(3 * 400, 3 * 401));
      expect(pixel[0]).toBe(pixel[1]);
      expect(pixel[1]).toBe(pixel[2]);
    });

    it('names a truncated image and an image that is no netpbm file', () => {
      for (const [name, bytes, message] of [
        ['cut.pgm', Buffer.concat([Buffer.from('P5\n28 28\n255\n'), Buffer.alloc(100)]), /cut\.pgm: it is truncated \(100 of 784 pixel bytes\)/],
        ['photo.pgm', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), /photo\.pgm: it is not a binary PGM or PPM image/],
      ] as const) {
        const dir = mkdtempSync(join(tmpdir(), 'ablate-netpbm-'));
        for (const c of ['a', 'b']) mkdirSync(join(dir, 'images', c), { recursive: true });
        writeFileSync(join(dir, 'images', 'a', name), bytes);
        writeFileSync(join(dir, 'images', 'b', 'ok.pgm'), Buffer.concat([Buffer.from('P5\n28 28\n255\n'), Buffer.alloc(784)]));
        expect(() => loadDataset({ type: 'netpbm_folder', dir: 'images' } as never, { baseDir: dir })).toThrow(message);
      }
    });
  });
});
