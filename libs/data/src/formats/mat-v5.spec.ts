/**
 * The MAT-file reader against scipy.io.loadmat, value for value (fixtures from
 * tools/reference/mat_fixtures.py), and on the real ground-truth maps committed under data/hsi.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '@ablate/spec';
import { readMat, toRowMajor } from './mat-v5';

const DIR = join(__dirname, '..', '..', 'fixtures', 'mat');
const HSI = join(__dirname, '..', '..', '..', '..', 'data', 'hsi');
const reference = JSON.parse(readFileSync(join(DIR, 'mat-values.json'), 'utf8')).files as Record<string, Record<string, { shape: number[]; dtype: string; values: number[] }>>;

const read = (path: string) => readMat(readFileSync(path), { shown: path, path });

describe('readMat', () => {
  it.each(Object.keys(reference))('%s matches scipy value for value', (file) => {
    const variables = read(join(DIR, file));
    for (const [name, expected] of Object.entries(reference[file])) {
      const variable = variables.find((v) => v.name === name);
      expect(variable).toBeDefined();
      expect(variable!.dims).toEqual(expected.shape);
      expect(Array.from(toRowMajor(variable!.data!, variable!.dims))).toEqual(expected.values);
    }
  });

  it('widens values stored narrower than their class (double stored as uint8)', () => {
    const [gt] = read(join(DIR, 'Indian_pines_gt.mat'));
    expect(gt.className).toBe('double');
    expect(gt.data).toBeInstanceOf(Float64Array);
  });

  it('reports a truncated file', () => {
    const bytes = readFileSync(join(DIR, 'jasper_crop_v5_plain.mat'));
    const file = { shown: 'cut.mat', path: 'cut.mat' };
    expect(() => readMat(bytes.subarray(0, 900), file)).toThrow(UserError);
    expect(() => readMat(bytes.subarray(0, 900), file)).toThrow(/cannot read cut\.mat: .*(cut off|ends before)/);
    expect(() => readMat(readFileSync(join(DIR, 'jasper_crop.mat')).subarray(0, 700), file)).toThrow(/cannot read cut\.mat/);
  });

  it('reports a file that is not a MAT-file', () => {
    expect(() => readMat(Buffer.alloc(200, 65), { shown: 'x.mat', path: 'x.mat' })).toThrow(/does not start with a MATLAB 5.0 MAT-file header/);
  });

  it.each([
    ['Indian_pines_gt.mat', 145, 145, [46, 1428, 830, 237, 483, 730, 28, 478, 20, 972, 2455, 593, 205, 1265, 386, 93]],
    ['PaviaU_gt.mat', 610, 340, [6631, 18649, 2099, 3064, 1345, 5029, 1330, 3682, 947]],
    ['Salinas_gt.mat', 512, 217, [2009, 3726, 1976, 1394, 2678, 3959, 3579, 11271, 6203, 3278, 1068, 1927, 916, 1070, 7268, 1807]],
  ] as const)('counts the published labelled pixels of %s', (file, rows, cols, counts) => {
    const [gt] = read(join(HSI, file));
    expect(gt.dims).toEqual([rows, cols]);
    const perClass = new Array(counts.length).fill(0);
    for (const v of gt.data!) if (v > 0) perClass[v - 1]++;
    expect(perClass).toEqual([...counts]);
  });
});
