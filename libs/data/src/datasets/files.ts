/** Paths of dataset files, and choosing a variable in a .mat file. */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { didYouMean, listOf } from '@ablate/spec';
import { readMat, toRowMajor, type MatVariable, type NumericArray } from '../formats/mat-v5';
import { corrupt, type FileRef } from '../formats/read-file';
import { hdf5Dataset, hdf5Datasets, isHdf5, isNumericDataset, largestDataset } from '../formats/decoded';

export function fileRef(baseDir: string, path: string): FileRef {
  return { shown: path, path: isAbsolute(path) ? path : resolve(baseDir, path) };
}

/** The first existing name in a folder (`x.gz` or `x`), or the first candidate (its absence is reported when read). */
export function inFolder(dir: FileRef, ...candidates: string[]): FileRef {
  const found = candidates.find((name) => existsSync(join(dir.path, name))) ?? candidates[0];
  return { shown: join(dir.shown, found), path: join(dir.path, found) };
}

/** A numeric variable by name, or the only/largest one; row-major. `fixed`: the hint of a loader whose variable names are not the user's to set. */
export function matVariable(bytes: Buffer, file: FileRef, name: string | undefined, what: string, fixed?: string): { dims: number[]; data: NumericArray } {
  if (isHdf5(bytes)) return mat73Variable(bytes, file, name, what, fixed);
  const variables = readMat(bytes, file);
  const numeric = variables.filter((v): v is Required<MatVariable> => v.data !== undefined);
  let chosen: Required<MatVariable> | undefined;
  if (name !== undefined) {
    chosen = numeric.find((v) => v.name === name);
    if (!chosen) {
      const names = variables.map((v) => v.name);
      const found = `Variables in it: ${listOf(variables.map((v) => `${v.name} (${v.className} ${v.dims.join('x')})`))}.`;
      // A loader that names its variables itself (`fixed` says which file it expects) has no `variable:` key to set.
      throw corrupt(file, `it has no numeric variable "${name}" (the ${what}).`, fixed ? `${found} ${fixed}` : `${didYouMean(name, names)}${found} Set \`variable:\` to one of them.`);
    }
  } else {
    chosen = [...numeric].sort((a, b) => b.data.length - a.data.length)[0];
    if (!chosen) throw corrupt(file, `it holds no numeric array for the ${what}.`);
  }
  return { dims: chosen.dims, data: toRowMajor(chosen.data, chosen.dims) };
}

/**
 * A variable of a MATLAB v7.3 file (HDF5): its dataset holds the array column-major, with the
 * dimensions reversed, so MATLAB's dims are the reverse of the dataset's shape.
 */
function mat73Variable(bytes: Buffer, file: FileRef, name: string | undefined, what: string, fixed?: string): { dims: number[]; data: NumericArray } {
  // MATLAB's variables are the root's datasets (#refs# holds the insides of cells and structs).
  const numeric = hdf5Datasets(file, bytes).filter((d) => !d.name.includes('/') && !d.name.startsWith('#') && isNumericDataset(d));
  const chosen = name ?? largestDataset(numeric)?.name;
  if (chosen === undefined) throw corrupt(file, `it holds no numeric array for the ${what}.`);
  if (!numeric.some((d) => d.name === chosen)) {
    const found = `Variables in it: ${listOf(numeric.map((d) => `${d.name} (${[...d.shape].reverse().join('x')})`))}.`;
    throw corrupt(file, `it has no numeric variable "${chosen}" (the ${what}).`, fixed ? `${found} ${fixed}` : `${didYouMean(chosen, numeric.map((d) => d.name))}${found} Set \`variable:\` to one of them.`);
  }
  const decoded = hdf5Dataset(file, bytes, chosen);
  const dims = [...decoded.dims].reverse();
  return { dims, data: toRowMajor(decoded.data, dims) };
}
