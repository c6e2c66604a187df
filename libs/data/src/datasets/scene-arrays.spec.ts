/**
 * Scenes as the files of the field hold them, on REAL data: Jasper Ridge's bands x pixels matrix and
 * abundances through the generic `hsi` loader (equal to the `jasper` loader), Samson's cube from its
 * own bands x pixels file with its size read from nRow and nCol, Moffett labelled by its abundance
 * maps (the dominant-class counts of ../shared/datasets/README.md), and the advice a stored layout
 * mismatch now gets.
 */
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { UserError } from '@ablate/spec';
import { loadDataset } from './load-dataset';
import { matVariable } from './files';
import { arrayFiles, asCube, readArray } from './scene-arrays';
import type { SceneDataset } from './dataset';
import { describeSharedHsi, HSI, SHARED_HSI } from '../testing/paths';

const count = (labels: Int32Array, classes: number) => {
  const out = new Array(classes).fill(0);
  for (const v of labels) if (v >= 0) out[v]++;
  return out;
};

describe('hsi with a pixel matrix and abundance maps', () => {
  const jasper = loadDataset({ type: 'jasper', path: 'Jasper.mat', min_abundance: 0.5 } as never, { baseDir: HSI }) as SceneDataset;
  const matrix = { path: 'Jasper.mat', variable: 'Y', layout: 'bands_pixels', rows: 'lines', cols: 'cols' };

  it('reads Jasper Ridge from Y and A as the jasper loader does, value for value', () => {
    const generic = loadDataset(
      { type: 'hsi', cube: matrix, labels: { ...matrix, variable: 'A', abundances: true, min_abundance: 0.5 }, class_names: ['Tree', 'Water', 'Soil', 'Road'] } as never,
      { baseDir: HSI },
    ) as SceneDataset;
    expect([generic.rows, generic.cols, generic.bands]).toEqual([100, 100, 198]);
    expect(Buffer.from(generic.cube.buffer).equals(Buffer.from(jasper.cube.buffer))).toBe(true);
    expect(Array.from(generic.labels)).toEqual(Array.from(jasper.labels));
    expect(count(generic.labels, 4)).toEqual([3412, 3310, 2256, 661]);
  });

  it('labels Jasper Ridge from its abundance maps S_GT [rows, cols, classes] the same way', () => {
    const fromMaps = loadDataset({ type: 'hsi', cube: matrix, labels: { path: 'Jasper.mat', variable: 'S_GT', abundances: true, min_abundance: 0.5 } } as never, { baseDir: HSI }) as SceneDataset;
    expect(Array.from(fromMaps.labels)).toEqual(Array.from(jasper.labels));
  });

  it('advises the layout, not a new download, for a matrix read as a cube', () => {
    const paragraph = (spec: object) => {
      try {
        loadDataset({ type: 'hsi', labels: { path: 'Jasper.mat', variable: 'S_GT', abundances: true }, ...spec } as never, { baseDir: HSI });
      } catch (error) {
        return `${(error as UserError).message} ${(error as UserError).hint}`;
      }
      return 'no error';
    };
    expect(paragraph({ cube: { path: 'Jasper.mat', variable: 'Y' } })).toBe(
      'the cube Jasper.mat (variable Y) is 198x10000, not [rows, cols, bands]. A matrix of 198 x 10000 is a cube stored as bands x pixels: set `layout: bands_pixels` with `rows:` and `cols:` (numbers, or variables of the file holding them, e.g. rows: nRow, cols: nCol).',
    );
    expect(paragraph({ cube: { ...matrix, rows: 99 } })).toMatch(/has 10000 pixels, but rows x cols is 99 x 100 = 9900\. Check rows and cols, and the layout/);
  });
});

describeSharedHsi('the unmixing scenes of ../shared', () => {
  it("arranges Samson's cube from its own 156 x 9025 file, its size read from nRow and nCol", () => {
    const files = [{ path: join(SHARED_HSI, 'Samson.mat'), shown: 'Samson.mat' }];
    const bytes = new Map([[files[0].path, readFileSync(files[0].path)]]);
    const ref = { path: 'Samson.mat', variable: 'Y', layout: 'bands_pixels', rows: 'nRow', cols: 'nCol' } as const;
    const cube = asCube(readArray(ref, files, bytes, 'cube'), ref, files, bytes, 'cube');
    const y = matVariable(bytes.get(files[0].path) as Buffer, files[0], 'Y', 'Y');
    expect(cube.dims).toEqual([95, 95, 156]);
    // Pixel (r, c) is column r + 95 c of Y, as MATLAB flattens the image.
    for (const [r, c, b] of [[0, 0, 0], [0, 1, 5], [1, 0, 155], [47, 80, 77], [94, 94, 155]]) expect(cube.data[(r * 95 + c) * 156 + b]).toBe(Math.fround(y.data[b * 9025 + r + 95 * c]));
  });

  it('labels Moffett by its dominant abundance: 1409, 812 and 279 pixels', () => {
    const moffett = loadDataset(
      {
        type: 'hsi',
        cube: { path: 'moffett.mat', variable: 'Y', layout: 'bands_pixels', rows: 'lines', cols: 'cols' },
        labels: { path: 'moffett.mat', variable: 'S_GT', abundances: true },
      } as never,
      { baseDir: SHARED_HSI },
    ) as SceneDataset;
    expect([moffett.rows, moffett.cols, moffett.bands, moffett.classes]).toEqual([50, 50, 184, 3]);
    expect(count(moffett.labels, 3)).toEqual([1409, 812, 279]);
  });
});

describe('ENVI images', () => {
  // The MATLAB v5 original, arranged [rows, cols, bands].
  const original = (() => {
    const file = { path: join(HSI, 'Jasper.mat'), shown: 'Jasper.mat' };
    const y = matVariable(readFileSync(file.path), file, 'Y', 'Y');
    return (r: number, c: number, b: number) => Math.fround(y.data[b * 10000 + r + 100 * c]);
  })();
  const read = (name: string) => {
    const ref = { path: `jasper-envi/${name}.hdr` };
    const files = arrayFiles(ref, { baseDir: HSI });
    const bytes = new Map(files.map((f) => [f.path, readFileSync(f.path)]));
    return asCube(readArray(ref, files, bytes, 'cube'), ref, files, bytes, 'cube');
  };

  it.each(['bsq', 'bil', 'bip', 'bsq-big-endian'])("written by python3-spectral (%s) hold Jasper Ridge's crop, value for value", (name) => {
    const cube = read(`jasper-crop-${name}`);
    expect(cube.dims).toEqual([10, 10, 198]);
    const wrong: number[][] = [];
    for (let r = 0; r < 10; r++) for (let c = 0; c < 10; c++) for (let b = 0; b < 198; b++) if (cube.data[(r * 10 + c) * 198 + b] !== original(30 + r, 50 + c, b)) wrong.push([r, c, b]);
    expect(wrong).toEqual([]);
  });

  it('name a header that is not one, and a binary file shorter than its header says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-envi-'));
    writeFileSync(join(dir, 'notes.hdr'), 'samples = 10\n');
    writeFileSync(join(dir, 'notes.img'), Buffer.alloc(10));
    writeFileSync(join(dir, 'short.hdr'), readFileSync(join(HSI, 'jasper-envi', 'jasper-crop-bsq.hdr')));
    writeFileSync(join(dir, 'short.img'), Buffer.alloc(1000));
    const load = (name: string) => () => {
      const ref = { path: name };
      const files = arrayFiles(ref, { baseDir: dir });
      readArray(ref, files, new Map(files.map((f) => [f.path, readFileSync(f.path)])), 'cube');
    };
    expect(load('notes.hdr')).toThrow('cannot read notes.hdr: it is not an ENVI header (the first line is not "ENVI").');
    expect(load('short.hdr')).toThrow('cannot read short.img: it has 1000 bytes; the header (10 lines x 10 samples x 198 bands of data type 4, offset 0) needs 79200.');
  });
});

describe('MATLAB v7.3, HDF5 and TIFF files', () => {
  const original = (() => {
    const file = { path: join(HSI, 'Jasper.mat'), shown: 'Jasper.mat' };
    const y = matVariable(readFileSync(file.path), file, 'Y', 'Y');
    return (r: number, c: number, b: number) => Math.fround(y.data[b * 10000 + r + 100 * c]);
  })();
  const crop = (ref: { path: string; variable?: string }) => {
    const files = arrayFiles(ref, { baseDir: HSI });
    const bytes = new Map(files.map((f) => [f.path, readFileSync(f.path)]));
    return asCube(readArray(ref, files, bytes, 'cube'), ref, files, bytes, 'cube');
  };
  const differences = (cube: { dims: number[]; data: ArrayLike<number> }) => {
    const wrong: number[][] = [];
    for (let r = 0; r < 10; r++) for (let c = 0; c < 10; c++) for (let b = 0; b < 198; b++) if (Math.fround(cube.data[(r * 10 + c) * 198 + b]) !== original(30 + r, 50 + c, b)) wrong.push([r, c, b]);
    return wrong;
  };

  it('reads Jasper Ridge from its MATLAB v7.3 copy (python3-hdf5storage) as from the v5 original, bit for bit', () => {
    const v5 = loadDataset({ type: 'jasper', path: 'Jasper.mat', min_abundance: 0.5 } as never, { baseDir: HSI }) as SceneDataset;
    const v73 = loadDataset({ type: 'jasper', path: 'Jasper-v73.mat', min_abundance: 0.5 } as never, { baseDir: HSI }) as SceneDataset;
    expect(Buffer.from(v73.cube.buffer).equals(Buffer.from(v5.cube.buffer))).toBe(true);
    expect(Array.from(v73.labels)).toEqual(Array.from(v5.labels));
    const generic = loadDataset({ type: 'hsi', cube: { path: 'Jasper-v73.mat', variable: 'Y', layout: 'bands_pixels', rows: 'lines', cols: 'cols' }, labels: { path: 'Jasper-v73.mat', variable: 'S_GT', abundances: true, min_abundance: 0.5 } } as never, { baseDir: HSI }) as SceneDataset;
    expect(Buffer.from(generic.cube.buffer).equals(Buffer.from(v5.cube.buffer))).toBe(true);
  });

  it.each([['an HDF5 dataset by path (h5py)', { path: 'jasper-crop.h5', variable: '/scene/cube' }], ['a TIFF, bands by pixel (tifffile)', { path: 'jasper-crop-contig.tif' }], ['a TIFF, one plane per band (tifffile)', { path: 'jasper-crop-separate.tif' }]])(
    "reads Jasper Ridge's crop from %s, value for value",
    (_, ref) => {
      const cube = crop(ref);
      expect(cube.dims).toEqual([10, 10, 198]);
      expect(differences(cube)).toEqual([]);
    },
  );

  it('names the variables a v7.3 file has when the one asked for is not there', () => {
    const file = { path: join(HSI, 'Jasper-v73.mat'), shown: 'Jasper-v73.mat' };
    expect(() => matVariable(readFileSync(file.path), file, 'X', 'cube')).toThrow('cannot read Jasper-v73.mat: it has no numeric variable "X" (the cube).');
    try {
      matVariable(readFileSync(file.path), file, 'Yy', 'cube');
    } catch (error) {
      expect((error as UserError).hint).toMatch(/^Did you mean `Y`\? Variables in it: .*Y \(198x10000\).*Set `variable:` to one of them\.$/);
    }
  });
});
