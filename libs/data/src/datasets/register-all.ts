/** Every dataset loader: one per `dataset.type` of the language (a test checks they agree), then the plug-ins'. */
import type { DatasetLoader } from './dataset';
import { fashionMnist, idx, mnist } from './idx-loaders';
import { hsi, indianPines, jasper, paviaUniversity, salinas } from './scene-loaders';
import { cifar10, csv, npy } from './table-loaders';
import { text } from './text-loader';
import { imageFolder } from './image-folder';

const BUILT_IN = [fashionMnist, mnist, idx, cifar10, csv, npy, imageFolder, hsi, indianPines, paviaUniversity, salinas, jasper, text] as DatasetLoader<never>[];
const registry = new Map<string, DatasetLoader<never>>(BUILT_IN.map((l) => [l.type, l]));
export const DATASETS: ReadonlyMap<string, DatasetLoader<never>> = registry;

/** A dataset type from a plug-in (its schema is in libs/spec's extensions). */
export function registerDataset(loader: DatasetLoader<never>): void {
  if (registry.has(loader.type)) throw new Error(`a dataset type "${loader.type}" is already registered`);
  registry.set(loader.type, loader);
}

/** Forgets a plug-in's dataset type (tests). */
export function unregisterDataset(type: string): void {
  if (!BUILT_IN.some((l) => l.type === type)) registry.delete(type);
}
