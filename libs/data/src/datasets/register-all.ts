/** Every dataset loader, one per `dataset.type` of the language (a test checks they agree). */
import type { DatasetLoader } from './dataset';
import { fashionMnist, idx, mnist } from './idx-loaders';
import { hsi, indianPines, jasper, paviaUniversity, salinas } from './scene-loaders';
import { cifar10, csv, npy } from './table-loaders';
import { text } from './text-loader';

export const DATASETS: ReadonlyMap<string, DatasetLoader<never>> = new Map(
  ([fashionMnist, mnist, idx, cifar10, csv, npy, hsi, indianPines, paviaUniversity, salinas, jasper, text] as DatasetLoader<never>[]).map((l) => [l.type, l]),
);
