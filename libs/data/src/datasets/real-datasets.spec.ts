/**
 * The loaders on the real data: Fashion-MNIST (Debian's dataset-fashion-mnist), Jasper Ridge, and
 * Pavia University's real ground truth and fixed train/test masks (with a SYNTHETIC stand-in cube,
 * as the real one is not available offline).
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '@ablate/spec';
import { writeMat } from '../formats/mat-v5-writer';
import { describeFashionMnist, HSI } from '../testing/paths';
import { loadDataset } from './load-dataset';
import type { ExampleDataset, SceneDataset } from './dataset';

const counts = (labels: ArrayLike<number>, classes: number, items?: ArrayLike<number>) => {
  const out = new Array(classes).fill(0);
  for (const i of Array.from(items ?? { length: labels.length }, (v, k) => v ?? k)) if (labels[i] >= 0) out[labels[i]]++;
  return out;
};

describeFashionMnist('Fashion-MNIST', () => {
  let data: ExampleDataset;
  beforeAll(() => {
    data = loadDataset({ type: 'fashion_mnist' }, { baseDir: '/' }) as ExampleDataset;
  });

  it('has 60,000 training and 10,000 test images of 28x28, 6,000 per class in train', () => {
    expect(data.shape).toEqual([28, 28, 1]);
    expect(data.given?.train.length).toBe(60000);
    expect(data.given?.test.length).toBe(10000);
    expect(counts(data.y, 10, data.given?.train)).toEqual(new Array(10).fill(6000));
    expect(counts(data.y, 10, data.given?.test)).toEqual(new Array(10).fill(1000));
    expect(data.classNames[9]).toBe('Ankle boot');
  });

  it('records the checksums of the Debian files', () => {
    expect(data.files.map((f) => f.sha256)).toEqual([
      'b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7',
      '0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056',
      'cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa',
      '8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05',
    ]);
  });

  it('is loaded once per process', () => {
    expect(loadDataset({ type: 'fashion_mnist' }, { baseDir: '/' })).toBe(data);
  });

  it('names the apt package when the files are missing', () => {
    expect(() => loadDataset({ type: 'fashion_mnist', dir: '/nonexistent/fmnist' }, { baseDir: '/' })).toThrow(/does not exist/);
  });
});

describe('Jasper Ridge (dominant abundance labels)', () => {
  it('is a 100x100x198 scene whose labels count as the shared README says', () => {
    const data = loadDataset({ type: 'jasper', path: `${HSI}/Jasper.mat` }, { baseDir: '/' }) as SceneDataset;
    expect([data.rows, data.cols, data.bands]).toEqual([100, 100, 198]);
    expect(data.classNames).toEqual(['Tree', 'Water', 'Soil', 'Road']);
    expect(counts(data.labels, 4)).toEqual([3493, 3326, 2428, 753]);
    const strict = loadDataset({ type: 'jasper', path: `${HSI}/Jasper.mat`, min_abundance: 0.5 }, { baseDir: '/' }) as SceneDataset;
    expect(counts(strict.labels, 4)).toEqual([3412, 3310, 2256, 661]);
  });

  it('reports a ground truth that does not fit its cube, naming both files', () => {
    const spec = { type: 'hsi' as const, cube: { path: `${HSI}/Jasper.mat`, variable: 'S_GT' }, labels: { path: `${HSI}/Indian_pines_gt.mat` } };
    expect(() => loadDataset(spec, { baseDir: '/' })).toThrow(UserError);
    expect(() => loadDataset(spec, { baseDir: '/' })).toThrow(/Indian_pines_gt\.mat is 145x145 but the cube .*Jasper\.mat is 100x100 pixels/);
  });

  it('names the variables of a file when the asked one is missing', () => {
    const spec = { type: 'hsi' as const, cube: { path: `${HSI}/Jasper.mat`, variable: 'cube' }, labels: { path: `${HSI}/Jasper.mat`, variable: 'A' } };
    expect(() => loadDataset(spec, { baseDir: '/' })).toThrow(/has no numeric variable "cube" \(the cube\)/);
  });
});

describe('Pavia University with the standard fixed split (TRpavia_fixed / TSpavia_fixed)', () => {
  it('takes the 3,921 training pixels with the labels of the training map, and the 40,002 test pixels', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-paviau-'));
    for (const f of ['PaviaU_gt.mat', 'TRpavia_fixed.mat', 'TSpavia_fixed.mat']) copyFileSync(join(HSI, f), join(dir, f));
    // SYNTHETIC cube of the right size (610 x 340, 1 band): only the pixel bookkeeping is tested here.
    writeFileSync(join(dir, 'PaviaU.mat'), writeMat([{ name: 'paviaU', dims: [610, 340, 1], data: new Float32Array(610 * 340) }]));
    const data = loadDataset({ type: 'pavia_university', dir, train_mask: 'TRpavia_fixed.mat', test_mask: 'TSpavia_fixed.mat' }, { baseDir: '/' }) as SceneDataset;
    expect(data.given?.train.length).toBe(3921);
    expect(data.given?.test.length).toBe(40002);
    expect(counts(data.labels, 9, data.given?.train)).toEqual([548, 540, 392, 524, 265, 532, 375, 514, 231]);
    expect(counts(data.labels, 9, data.given?.test)).toEqual([6304, 18146, 1815, 2912, 1113, 4572, 981, 3364, 795]);
    expect(data.classNames[1]).toBe('Meadows');
  });
});
