/** Preparing trials' data: facts, fitted preprocessing, patches, and seeded, repeatable batches. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stream } from '@ablate/spec';
import { batchesOf, epochOrder } from './batches/iterate';
import { CovarianceAccumulator, project } from './preprocess/pca';
import { prepareData } from './prepare';
import { describeData } from './describe';
import { FIXTURES, describeFashionMnist, HSI } from './testing/paths';

const JASPER = join(HSI, 'Jasper.mat');

describe('PCA', () => {
  const reference = JSON.parse(readFileSync(join(FIXTURES, 'pca-reference.json'), 'utf8'));
  it.each(['plain', 'whiten'])('matches scikit-learn (%s) up to the sign of each component', (kind) => {
    const acc = new CovarianceAccumulator(9);
    acc.add(reference.input);
    const model = acc.fit(3, kind === 'whiten');
    const mine = project(model, reference.input, 9);
    const theirs = reference[kind].transformed as number[];
    for (let k = 0; k < 3; k++) {
      const a = Array.from({ length: 30 }, (_, r) => mine[r * 3 + k]);
      const b = Array.from({ length: 30 }, (_, r) => theirs[r * 3 + k]);
      const sign = Math.sign(a[0]) === Math.sign(b[0]) ? 1 : -1;
      a.forEach((v, r) => expect(v * sign).toBeCloseTo(b[r], 3));
    }
    expect(model.explained.map((e) => Number(e.toFixed(6)))).toEqual(reference[kind].explained_variance_ratio.map((e: number) => Number(e.toFixed(6))));
  });
});

describe('a scene: Jasper Ridge, PCA and patches', () => {
  const config = {
    dataset: { type: 'jasper' as const, path: JASPER },
    preprocessing: [{ type: 'standardize' as const }, { type: 'pca' as const, components: 5, fit: 'all' as const }, { type: 'patches' as const, size: 7 }],
    split: { type: 'per_class' as const, train: 30, val: 10 },
  };
  let data: ReturnType<typeof prepareData>;
  beforeAll(() => {
    data = prepareData(config, { baseDir: '/', seed: 4 });
  });

  it('describes the examples the model will see, statically and after preparing', () => {
    expect(data.facts).toEqual({ classes: 4, input_shape: [7, 7, 5], input_dtype: 'float32' });
    expect(describeData(config)).toEqual(data.facts);
    // validation is carved from the training part: 30 per class = 20 train + 10 val
    expect([data.train.size, data.val.size, data.test.size]).toEqual([80, 40, 10000 - 120]);
  });

  it('gathers each patch as the window around its pixel, zero outside the scene', () => {
    const whole = prepareData({ ...config, preprocessing: config.preprocessing.slice(0, 2) }, { baseDir: '/', seed: 4 });
    const pixel = (p: number) => whole.test.gather([Array.from(whole.test.items).indexOf(p)]).x;
    const corner = data.test.items.indexOf(0) >= 0 ? data.test.gather([data.test.items.indexOf(0)]) : data.train.gather([data.train.items.indexOf(0)]);
    // pixel (0, 0): the window's centre is at (3, 3); rows/cols 0-2 fall outside and are zero
    expect(Array.from(corner.x.subarray((3 * 7 + 3) * 5, (3 * 7 + 4) * 5))).toEqual(Array.from(pixel(0)));
    expect(Array.from(corner.x.subarray(0, 3 * 7 * 5)).every((v) => v === 0)).toBe(true);
    expect(Array.from(corner.x.subarray((4 * 7 + 4) * 5, (4 * 7 + 5) * 5))).toEqual(Array.from(pixel(101)));
  });

  it('gives the same batches for the same seed and epoch, and others for another seed', () => {
    const take = (seed: number) => {
      const prepared = prepareData(config, { baseDir: '/', seed });
      const [first] = batchesOf(prepared.train, 16, epochOrder(prepared.train.size, stream(seed, 'shuffle', '0')));
      return Array.from(first.x.subarray(0, 50)).concat(Array.from(first.y));
    };
    expect(take(4)).toEqual(take(4));
    expect(take(5)).not.toEqual(take(4));
  });

  it('adds noise at the asked signal-to-noise ratio', () => {
    const noisy = prepareData({ ...config, evaluation: { corruptions: [{ type: 'gaussian_noise', snr_db: [10, 20] }] } }, { baseDir: '/', seed: 4 });
    const batch = noisy.test.gather(Int32Array.from({ length: 200 }, (_, i) => i));
    for (const corruption of noisy.corruptions) {
      const x = Array.from(corruption.apply(batch).x);
      const clean = Array.from(batch.x);
      const signal = clean.reduce((a, v) => a + v * v, 0);
      const noise = x.reduce((a, v, i) => a + (v - clean[i]) ** 2, 0);
      expect(10 * Math.log10(signal / noise)).toBeCloseTo(corruption.level, 0);
    }
    expect(noisy.corruptions.map((c) => c.key)).toEqual(['gaussian_noise@snr_db=10', 'gaussian_noise@snr_db=20']);
  });
});

describeFashionMnist('Fashion-MNIST: scaling, padding, standardisation fitted on the training part', () => {
  const config = {
    dataset: { type: 'fashion_mnist' as const },
    preprocessing: [{ type: 'scale' as const, factor: 1 / 255 }, { type: 'pad' as const, to: [32, 32] }, { type: 'standardize' as const }],
    split: { type: 'given' as const, val: 0.1, limit: { train: 2000, test: 500 } },
  };
  let data: ReturnType<typeof prepareData>;
  beforeAll(() => {
    data = prepareData(config, { baseDir: '/', seed: 1 });
  });

  it('pads to 32x32 and standardises with training statistics', () => {
    expect(data.facts.input_shape).toEqual([32, 32, 1]);
    const train = Array.from(data.train.gather(Int32Array.from({ length: data.train.size }, (_, i) => i)).x);
    const mean = train.reduce((a, b) => a + b, 0) / train.length;
    const sd = Math.sqrt(train.reduce((a, b) => a + (b - mean) ** 2, 0) / train.length);
    expect(mean).toBeCloseTo(0, 5);
    expect(sd).toBeCloseTo(1, 5);
    expect([data.train.size, data.val.size, data.test.size]).toEqual([2000, 6000, 500]);
  });

  it('augments training batches the same way in every run', () => {
    const augmented = prepareData({ ...config, augmentation: [{ type: 'flip' as const }, { type: 'random_crop' as const, padding: 2 }, { type: 'mixup' as const, alpha: 0.4 }] }, { baseDir: '/', seed: 1 });
    const batch = augmented.train.gather([0, 1, 2, 3]);
    const a = augmented.augment!(batch, stream(1, 'augment', '0'));
    const b = augmented.augment!(batch, stream(1, 'augment', '0'));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(batch.x));
    expect(a.mix?.lambda).toBeGreaterThan(0);
    expect(a.mix?.y2).toHaveLength(4);
  });
});
