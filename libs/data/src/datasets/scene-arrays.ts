/**
 * The arrays of a hyperspectral scene as files hold them: a variable of a MATLAB .mat file, or an
 * ENVI image (`.hdr` and its binary file); stored as [rows, cols, bands] or as a bands x pixels
 * (or pixels x bands) matrix with the image's rows and columns given (as numbers, or as variables
 * of the file such as Samson's nRow and nCol); and ground truth as a label map or as per-class
 * abundance maps, each pixel taking its dominant class.
 */
import { UserError } from '@ablate/spec';
import { enviDataFile, parseEnviHeader, readEnvi } from '../formats/envi';
import type { NumericArray } from '../formats/mat-v5';
import { corrupt, type FileRef } from '../formats/read-file';
import { hdf5Dataset, hdf5Datasets, largestDataset, tiffImage } from '../formats/decoded';
import type { FileBytes, LoaderContext } from './dataset';
import { fileRef, matVariable } from './files';

export type Layout = 'rows_cols_bands' | 'bands_pixels' | 'pixels_bands';

export interface ArrayRef {
  path: string;
  variable?: string;
  layout?: Layout;
  rows?: number | string;
  cols?: number | string;
  pixel_order?: 'column_major' | 'row_major';
}

export interface LabelsRef extends ArrayRef {
  /** The array holds one abundance (fraction) map per class: each pixel takes its largest. */
  abundances?: boolean;
  /** With abundances: pixels whose largest abundance is below this stay unlabelled. */
  min_abundance?: number;
}

export interface NumericNd {
  dims: number[];
  data: NumericArray;
}

const isEnvi = (path: string) => /\.hdr$/i.test(path);
const isTiff = (path: string) => /\.tiff?$/i.test(path);
const isPlainHdf5 = (path: string) => /\.(h5|hdf5|he5|hdf)$/i.test(path);

/** The files one array reads, in order: the .mat file, or the ENVI header then its binary. */
export function arrayFiles(ref: ArrayRef, ctx: LoaderContext): FileRef[] {
  const file = fileRef(ctx.baseDir, ref.path);
  return isEnvi(ref.path) ? [file, enviDataFile(file)] : [file];
}

/** How many files `arrayFiles` gives for a reference (to split a loader's file list). */
export const fileCount = (ref: ArrayRef) => (isEnvi(ref.path) ? 2 : 1);

/** The array as stored, row-major. */
export function readArray(ref: ArrayRef, files: FileRef[], bytes: FileBytes, what: string): NumericNd {
  const [file] = files;
  const content = bytes.get(file.path) as Buffer;
  if (isTiff(ref.path)) {
    if (ref.variable !== undefined) throw new UserError(`${file.shown} is a TIFF image, which has no variables; \`variable: ${ref.variable}\` cannot apply.`, { hint: 'Remove `variable:` (a multi-band TIFF is one cube, its samples per pixel the bands).' });
    return tiffImage(file, content);
  }
  if (isPlainHdf5(ref.path)) {
    const name = ref.variable ?? largestDataset(hdf5Datasets(file, content))?.name;
    if (name === undefined) throw corrupt(file, `it holds no dataset for the ${what}.`);
    return hdf5Dataset(file, content, name.replace(/^\//, ''));
  }
  if (isEnvi(ref.path)) {
    if (ref.variable !== undefined) throw new UserError(`${file.shown} is an ENVI image, which has no variables; \`variable: ${ref.variable}\` cannot apply.`, { hint: 'Remove `variable:` (an ENVI image is one cube).' });
    const header = parseEnviHeader((bytes.get(file.path) as Buffer).toString('latin1'), file);
    return readEnvi(header, bytes.get(files[1].path) as Buffer, files[1]);
  }
  return matVariable(bytes.get(file.path) as Buffer, file, ref.variable, what);
}

/** A size given as a number or as the name of a scalar variable of the same .mat file. */
function size(value: number | string | undefined, key: 'rows' | 'cols', ref: ArrayRef, files: FileRef[], bytes: FileBytes): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  if (isEnvi(ref.path) || isTiff(ref.path)) throw new UserError(`\`${key}: ${value}\` names a variable, but ${files[0].shown} is an image file without variables.`, { hint: `Give ${key} as a number.` });
  const found = readArray({ path: ref.path, variable: value }, files, bytes, `${key} of the image`);
  if (found.data.length !== 1 || !Number.isInteger(found.data[0]) || found.data[0] < 1) {
    throw corrupt(files[0], `the variable ${value} (given as \`${key}\`) is ${found.dims.join('x')}, not one whole number.`, `Give ${key} as a number, or name a scalar variable.`);
  }
  return found.data[0];
}

/**
 * The array arranged as [rows, cols, bands] (bands: spectral bands, or classes of abundance maps).
 * A matrix of pixels needs the image's rows and cols; its pixel p is (r, c) with p = r + rows * c
 * in MATLAB's column-major order (the default), or p = r * cols + c in row-major order.
 */
export function asCube(array: NumericNd, ref: ArrayRef, files: FileRef[], bytes: FileBytes, what: string): NumericNd {
  const layout = ref.layout ?? 'rows_cols_bands';
  const shown = `${files[0].shown}${ref.variable ? ` (variable ${ref.variable})` : ''}`;
  if (layout === 'rows_cols_bands') {
    if (array.dims.length === 3) return array;
    const hint =
      array.dims.length === 2
        ? `A matrix of ${array.dims.join(' x ')} is a ${what} stored as ${array.dims[0] < array.dims[1] ? 'bands x pixels' : 'pixels x bands'}: set \`layout: ${array.dims[0] < array.dims[1] ? 'bands_pixels' : 'pixels_bands'}\` with \`rows:\` and \`cols:\` (numbers, or variables of the file holding them, e.g. rows: nRow, cols: nCol).`
        : `A ${what} is [rows, cols, bands]; check \`variable:\`.`;
    throw new UserError(`the ${what} ${shown} is ${array.dims.join('x')}, not [rows, cols, bands].`, { hint });
  }
  if (array.dims.length !== 2) throw new UserError(`the ${what} ${shown} is ${array.dims.join('x')}; \`layout: ${layout}\` expects a matrix.`, { hint: 'Use layout: rows_cols_bands for a 3-D array.' });
  const rows = size(ref.rows, 'rows', ref, files, bytes);
  const cols = size(ref.cols, 'cols', ref, files, bytes);
  const [bands, pixels] = layout === 'bands_pixels' ? array.dims : [array.dims[1], array.dims[0]];
  if (rows === undefined || cols === undefined) throw new UserError(`the ${what} ${shown} is a matrix of ${pixels} pixels; \`layout: ${layout}\` needs \`rows:\` and \`cols:\`.`, { hint: 'Give the image size as numbers, or as variables of the file (e.g. rows: nRow, cols: nCol).' });
  if (rows * cols !== pixels) throw new UserError(`the ${what} ${shown} has ${pixels} pixels, but rows x cols is ${rows} x ${cols} = ${rows * cols}.`, { hint: `Check rows and cols, and the layout (the matrix is ${array.dims.join('x')}).` });
  const columnMajor = (ref.pixel_order ?? 'column_major') === 'column_major';
  const data = new Float32Array(rows * cols * bands);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const p = columnMajor ? r + rows * c : r * cols + c;
      const out = (r * cols + c) * bands;
      for (let b = 0; b < bands; b++) data[out + b] = layout === 'bands_pixels' ? array.data[b * pixels + p] : array.data[p * bands + b];
    }
  }
  return { dims: [rows, cols, bands], data };
}

/** A label map [rows, cols]: as stored, or the dominant class (1-based) of abundance maps. */
export function labelMap(ref: LabelsRef, files: FileRef[], bytes: FileBytes): NumericNd {
  const array = readArray(ref, files, bytes, ref.abundances ? 'abundances' : 'ground truth');
  if (!ref.abundances) {
    if (ref.layout && ref.layout !== 'rows_cols_bands') {
      const map = asCube(array, ref, files, bytes, 'ground truth');
      if (map.dims[2] !== 1) throw new UserError(`the ground truth ${files[0].shown} has ${map.dims[2]} values per pixel, not one label.`, { hint: 'For per-class abundance maps, set `abundances: true`.' });
      return { dims: map.dims.slice(0, 2), data: map.data };
    }
    return array;
  }
  const maps = asCube(array, ref, files, bytes, 'abundances');
  const [rows, cols, classes] = maps.dims;
  const min = ref.min_abundance ?? 0;
  const labels = new Int32Array(rows * cols);
  for (let p = 0; p < rows * cols; p++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (maps.data[p * classes + k] > maps.data[p * classes + best]) best = k;
    labels[p] = maps.data[p * classes + best] >= min ? best + 1 : 0;
  }
  return { dims: [rows, cols], data: labels };
}
