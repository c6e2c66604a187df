import { readMat, toRowMajor } from './mat-v5';
import { writeMat } from './mat-v5-writer';

describe('writeMat', () => {
  it('writes arrays that read back identically, 3-D axes included', () => {
    const cube = Float32Array.from({ length: 4 * 3 * 2 }, (_, i) => i / 7);
    const labels = Uint8Array.from({ length: 12 }, (_, i) => i % 4);
    const bytes = writeMat([
      { name: 'cube', dims: [4, 3, 2], data: cube },
      { name: 'labels', dims: [4, 3], data: labels },
    ]);
    const [a, b] = readMat(bytes, { shown: 'x.mat', path: 'x.mat' });
    expect([a.name, a.className, a.dims]).toEqual(['cube', 'single', [4, 3, 2]]);
    expect(Array.from(toRowMajor(a.data!, a.dims))).toEqual(Array.from(cube));
    expect([b.name, b.className]).toEqual(['labels', 'uint8']);
    expect(Array.from(toRowMajor(b.data!, b.dims))).toEqual(Array.from(labels));
  });
});
