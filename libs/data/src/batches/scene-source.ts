/**
 * A part of a scene: each example is a pixel's spectrum, or with `patches` the window around it,
 * copied per batch from one padded cube shared by every part (row slices, no per-value work).
 * Materialising every patch up front would cost examples x size^2 x bands floats.
 */
import type { SceneDataset } from '../datasets/dataset';
import type { PreparedScene } from '../preprocess/scene-steps';
import type { Batch, Source } from './batch';

export interface PaddedCube {
  data: Float32Array;
  /** Examples are windows (patches) rather than single spectra. */
  patched: boolean;
  /** Padded width in pixels. */
  width: number;
  bands: number;
  half: number;
}

const reflect = (i: number, n: number) => (n === 1 ? 0 : i < 0 ? -i : i >= n ? 2 * n - 2 - i : i);

export function padCube(scene: SceneDataset, prepared: PreparedScene): PaddedCube {
  const half = prepared.patch ? (prepared.patch.size - 1) / 2 : 0;
  const { bands } = prepared;
  const width = scene.cols + 2 * half;
  const height = scene.rows + 2 * half;
  const data = new Float32Array(width * height * bands);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      let sr = r - half;
      let sc = c - half;
      if (sr < 0 || sr >= scene.rows || sc < 0 || sc >= scene.cols) {
        if (prepared.patch?.padding !== 'reflect') continue;
        sr = reflect(sr, scene.rows);
        sc = reflect(sc, scene.cols);
      }
      const from = (sr * scene.cols + sc) * bands;
      data.set(prepared.cube.subarray(from, from + bands), (r * width + c) * bands);
    }
  }
  return { data, width, bands, half, patched: prepared.patch !== undefined };
}

export function sceneSource(scene: SceneDataset, cube: PaddedCube, items: Int32Array): Source {
  const side = 2 * cube.half + 1;
  const exampleShape = cube.patched ? [side, side, cube.bands] : [cube.bands];
  const row = side * cube.bands;
  const size = side * row;
  return {
    size: items.length,
    items,
    labels: Int32Array.from(items, (p) => scene.labels[p]),
    exampleShape,
    dtype: 'float32',
    gather(positions): Batch {
      const chosen = Int32Array.from(positions, (p) => items[p]);
      const x = new Float32Array(chosen.length * size);
      chosen.forEach((pixel, i) => {
        const r = Math.floor(pixel / scene.cols);
        const c = pixel % scene.cols;
        for (let dr = 0; dr < side; dr++) {
          const from = ((r + dr) * cube.width + c) * cube.bands;
          x.set(cube.data.subarray(from, from + row), i * size + dr * row);
        }
      });
      return { x, shape: [chosen.length, ...exampleShape], y: Int32Array.from(chosen, (p) => scene.labels[p]), items: chosen };
    },
  };
}
