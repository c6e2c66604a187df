import { mergePaddings } from './kernel-fixes';

describe('mergePaddings (rank-5 padding on webgpu)', () => {
  it('merges each unpadded axis into the one before it, scaling that axis\'s padding', () => {
    // [N, D, H, W, C] padded on D only: N stays, D absorbs H, W and C.
    expect(mergePaddings([2, 7, 5, 5, 4], [[0, 0], [1, 1], [0, 0], [0, 0], [0, 0]])).toEqual({ shape: [2, 700], paddings: [[0, 0], [100, 100]] });
    // Padded on D, H and W: rank 4, C merged into W.
    expect(mergePaddings([2, 3, 3, 4, 2], [[0, 0], [1, 0], [0, 2], [1, 1], [0, 0]])).toEqual({ shape: [2, 3, 3, 8], paddings: [[0, 0], [1, 0], [0, 2], [2, 2]] });
    // Leading unpadded axes merge with each other.
    expect(mergePaddings([2, 3, 4], [[0, 0], [0, 0], [1, 2]])).toEqual({ shape: [6, 4], paddings: [[0, 0], [1, 2]] });
  });

  it('keeps a padding that needs every axis as it is', () => {
    const paddings: Array<[number, number]> = [[1, 0], [1, 0], [1, 0], [1, 0], [1, 0]];
    expect(mergePaddings([2, 2, 2, 2, 2], paddings)).toEqual({ shape: [2, 2, 2, 2, 2], paddings });
  });
});
