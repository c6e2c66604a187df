/**
 * Hyperspectral scenes: a [rows, cols, bands] cube and a ground-truth map (0 = unlabelled), from
 * .mat files — any scene (`hsi`), the classic scenes by folder with their usual file and variable
 * names, and Jasper Ridge labelled by dominant abundance.
 */
import { UserError } from '@ablate/spec';
import { corrupt, type FileRef } from '../formats/read-file';
import type { NumericArray } from '../formats/mat-v5';
import { checkClasses } from './class-ids';
import type { DatasetLoader, SceneDataset } from './dataset';
import { fileRef, inFolder, matVariable } from './files';
import { arrayFiles, asCube, fileCount, labelMap, readArray, type ArrayRef, type LabelsRef } from './scene-arrays';

/** Builds a scene from a row-major cube and label map, checking that they fit. */
export function scene(cube: { dims: number[]; data: NumericArray }, labels: { dims: number[]; data: NumericArray }, files: [FileRef, FileRef], classNames: string[] | undefined, ignore = 0, declared?: number): SceneDataset {
  if (cube.dims.length !== 3) {
    throw new UserError(`the cube in ${files[0].shown} is ${cube.dims.join('x')}; a scene needs [rows, cols, bands].`, {
      hint: cube.dims.length === 2 ? 'A matrix is a cube stored as bands x pixels (or pixels x bands): read it with `type: hsi` and `cube: { path, variable, layout: bands_pixels, rows, cols }`.' : 'Check the file and the variable holding the cube.',
    });
  }
  const [rows, cols, bands] = cube.dims;
  // A label map saved as a one-band image (ENVI's classification files, a one-band TIFF) is rows x cols x 1.
  if (labels.dims.length === 3 && labels.dims[2] === 1) labels = { ...labels, dims: labels.dims.slice(0, 2) };
  if (labels.dims.length !== 2 || labels.dims[0] !== rows || labels.dims[1] !== cols) {
    throw new UserError(`the ground truth ${files[1].shown} is ${labels.dims.join('x')} but the cube ${files[0].shown} is ${rows}x${cols} pixels (x ${bands} bands).`, {
      hint: 'They must be maps of the same scene; check the files and `variable:`.',
    });
  }
  const ids = [...new Set(Array.from(labels.data).filter((v) => v !== ignore))].sort((a, b) => a - b);
  const index = new Map(ids.map((v, i) => [v, i]));
  const map = Int32Array.from(labels.data, (v) => (v === ignore ? -1 : (index.get(v) as number)));
  checkClasses(declared, ids.length, files[1].shown);
  const names = classNames && classNames.length === ids.length ? classNames : ids.map((v) => `class ${v}`);
  return { kind: 'scene', rows, cols, bands, cube: Float32Array.from(cube.data), labels: map, classIds: ids, classes: ids.length, classNames: names, files: [] };
}

/**
 * Train/test pixels from mask maps: a pixel is in a part where its mask is non-zero. A mask of 0/1
 * takes the labels of the ground truth; a mask holding class ids is a label map of its own (as
 * PaviaU's TRpavia_fixed.mat, which labels 1,147 training pixels the ground truth leaves at 0), and
 * its labels win.
 */
export function masks(dataset: SceneDataset, train: { dims: number[]; data: NumericArray }, test: { dims: number[]; data: NumericArray }, files: FileRef[]): SceneDataset {
  const labels = Int32Array.from(dataset.labels);
  const index = new Map(dataset.classIds.map((v, i) => [v, i]));
  const part = (mask: { dims: number[]; data: NumericArray }, file: FileRef): Int32Array => {
    if (mask.dims[0] !== dataset.rows || mask.dims[1] !== dataset.cols) {
      throw new UserError(`the mask ${file.shown} is ${mask.dims.join('x')}, the scene is ${dataset.rows}x${dataset.cols}.`, { hint: 'Masks must cover the same pixels as the ground truth.' });
    }
    const values = Array.from(mask.data);
    const labelMap = values.some((v) => v !== 0 && v !== 1);
    const pixels: number[] = [];
    values.forEach((v, p) => {
      if (v === 0) return;
      if (labelMap) {
        const k = index.get(v);
        if (k === undefined) throw new UserError(`the mask ${file.shown} labels pixel ${p} with class ${v}, which the ground truth does not have.`, { hint: `Classes of the ground truth: ${dataset.classIds.join(', ')}.` });
        labels[p] = k;
      }
      if (labels[p] >= 0) pixels.push(p);
    });
    return Int32Array.from(pixels);
  };
  const trainPixels = part(train, files[0]);
  const testPixels = part(test, files[1]);
  return { ...dataset, labels, given: { train: trainPixels, test: testPixels } };
}

interface HsiSpec {
  cube: ArrayRef;
  /** Absent: a cube to map with `ablate predict`, which no trial can train on. */
  labels?: LabelsRef;
  train_mask?: ArrayRef;
  test_mask?: ArrayRef;
  ignore_label?: number;
  classes?: number;
  class_names?: string[];
}

type HsiPart = 'cube' | 'labels' | 'train_mask' | 'test_mask';
const hsiRefs = (spec: HsiSpec): Array<[HsiPart, ArrayRef]> =>
  (['cube', 'labels', 'train_mask', 'test_mask'] as const).flatMap((part) => {
    const ref = spec[part];
    return ref === undefined ? [] : [[part, ref] as [HsiPart, ArrayRef]];
  });

/** Any scene: a cube and a ground truth (a label map, or abundance maps) from .mat files or ENVI images, in any of their layouts. */
export const hsi: DatasetLoader<HsiSpec> = {
  type: 'hsi',
  files: (spec, ctx) => hsiRefs(spec).flatMap(([, ref]) => arrayFiles(ref, ctx)),
  load(spec, bytes, files) {
    // Each reference's files, in the order `files` listed them.
    const groups = new Map<HsiPart, FileRef[]>();
    let at = 0;
    for (const [part, ref] of hsiRefs(spec)) {
      groups.set(part, files.slice(at, at + fileCount(ref)));
      at += fileCount(ref);
    }
    const cubeFiles = groups.get('cube') as FileRef[];
    const cube = asCube(readArray(spec.cube, cubeFiles, bytes, 'cube'), spec.cube, cubeFiles, bytes, 'cube');
    const labelFiles = groups.get('labels');
    const ignore = spec.ignore_label ?? 0;
    // Without labels every pixel is unlabelled: the scene has no class, and only `predict` takes it.
    const labels = spec.labels && labelFiles ? labelMap(spec.labels, labelFiles, bytes) : { dims: cube.dims.slice(0, 2), data: new Float32Array(cube.dims[0] * cube.dims[1]).fill(ignore) };
    let result = scene(cube, labels, [cubeFiles[0], (labelFiles ?? cubeFiles)[0]], spec.class_names, ignore, spec.classes);
    if (spec.train_mask || spec.test_mask) {
      if (!spec.train_mask || !spec.test_mask) throw new UserError('give both train_mask and test_mask, or neither.', { hint: 'A predefined split needs both parts.' });
      if (!spec.labels) throw new UserError('train_mask and test_mask choose labelled pixels, and the scene has no `labels:`.', { hint: 'Add `labels:` (the ground truth), or remove the masks.' });
      const mask = (ref: ArrayRef, group: FileRef[]) => labelMap({ ...ref, abundances: false }, group, bytes);
      const [trainFiles, testFiles] = [groups.get('train_mask') as FileRef[], groups.get('test_mask') as FileRef[]];
      result = masks(result, mask(spec.train_mask, trainFiles), mask(spec.test_mask, testFiles), [trainFiles[0], testFiles[0]]);
    }
    return result;
  },
  describe: (spec) => ({ kind: 'scene', classes: spec.classes, dtype: 'float32' }),
};

interface Preset {
  title: string;
  cube: string;
  labels: string;
  cubeVariable: string;
  labelsVariable: string;
  shape: [number, number, number];
  classNames: string[];
}

const PRESETS: Record<string, Preset> = {
  indian_pines: {
    title: 'Indian Pines',
    cube: 'Indian_pines_corrected.mat',
    labels: 'Indian_pines_gt.mat',
    cubeVariable: 'indian_pines_corrected',
    labelsVariable: 'indian_pines_gt',
    shape: [145, 145, 200],
    classNames: ['Alfalfa', 'Corn-notill', 'Corn-mintill', 'Corn', 'Grass-pasture', 'Grass-trees', 'Grass-pasture-mowed', 'Hay-windrowed', 'Oats', 'Soybean-notill', 'Soybean-mintill', 'Soybean-clean', 'Wheat', 'Woods', 'Buildings-Grass-Trees-Drives', 'Stone-Steel-Towers'],
  },
  pavia_university: {
    title: 'Pavia University',
    cube: 'PaviaU.mat',
    labels: 'PaviaU_gt.mat',
    cubeVariable: 'paviaU',
    labelsVariable: 'paviaU_gt',
    shape: [610, 340, 103],
    classNames: ['Asphalt', 'Meadows', 'Gravel', 'Trees', 'Painted metal sheets', 'Bare Soil', 'Bitumen', 'Self-Blocking Bricks', 'Shadows'],
  },
  salinas: {
    title: 'Salinas',
    cube: 'Salinas_corrected.mat',
    labels: 'Salinas_gt.mat',
    cubeVariable: 'salinas_corrected',
    labelsVariable: 'salinas_gt',
    shape: [512, 217, 204],
    classNames: ['Brocoli_green_weeds_1', 'Brocoli_green_weeds_2', 'Fallow', 'Fallow_rough_plow', 'Fallow_smooth', 'Stubble', 'Celery', 'Grapes_untrained', 'Soil_vinyard_develop', 'Corn_senesced_green_weeds', 'Lettuce_romaine_4wk', 'Lettuce_romaine_5wk', 'Lettuce_romaine_6wk', 'Lettuce_romaine_7wk', 'Vinyard_untrained', 'Vinyard_vertical_trellis'],
  },
};

interface PresetSpec {
  dir: string;
  cube?: string;
  labels?: string;
  train_mask?: string;
  test_mask?: string;
  classes?: number;
}

function preset(type: keyof typeof PRESETS): DatasetLoader<PresetSpec> {
  const p = PRESETS[type];
  return {
    type,
    files(spec, ctx) {
      const dir = fileRef(ctx.baseDir, spec.dir);
      const maskFiles = spec.train_mask !== undefined || spec.test_mask !== undefined ? [spec.train_mask ?? '', spec.test_mask ?? ''] : [];
      const missingHint = `The ${p.title} scene is not distributed with ablate: download ${p.cube} and ${p.labels} from the "Hyperspectral Remote Sensing Scenes" page of the GIC group, University of the Basque Country (UPV/EHU), into ${dir.shown}, or set dataset.dir to where they are.`;
      return [spec.cube ?? p.cube, spec.labels ?? p.labels, ...maskFiles].map((name) => ({ ...inFolder(dir, name), missingHint }));
    },
    load(spec, bytes, files) {
      const read = (i: number, variable: string | undefined, what: string) => matVariable(bytes.get(files[i].path) as Buffer, files[i], variable, what);
      const result = scene(read(0, spec.cube ? undefined : p.cubeVariable, 'cube'), read(1, spec.labels ? undefined : p.labelsVariable, 'ground truth'), [files[0], files[1]], p.classNames, 0, spec.classes);
      if (files.length === 2) return result;
      if (!spec.train_mask || !spec.test_mask) throw new UserError('give both train_mask and test_mask, or neither.', { hint: 'A predefined split needs both parts.' });
      return masks(result, read(2, undefined, 'training mask'), read(3, undefined, 'test mask'), files.slice(2));
    },
    describe: () => ({ kind: 'scene', classes: p.classNames.length, shape: p.shape, dtype: 'float32' }),
  };
}

export const indianPines = preset('indian_pines');
export const paviaUniversity = preset('pavia_university');
export const salinas = preset('salinas');

export const JASPER_CLASSES = ['Tree', 'Water', 'Soil', 'Road'];

/**
 * Jasper Ridge (100x100 pixels, 198 bands): `Y` is [bands, pixels] with pixel p = r + 100 c
 * (column-major, as S_GT[r, c, k] == A[k, r + 100 c]); each pixel is labelled with its dominant
 * endmember in the abundances `A` [4, pixels], or left unlabelled below `min_abundance`.
 */
export const jasper: DatasetLoader<{ path: string; min_abundance?: number; classes?: number }> = {
  type: 'jasper',
  files: (spec, ctx) => [fileRef(ctx.baseDir, spec.path)],
  load(spec, bytes, files) {
    const [file] = files;
    const expected = 'The jasper type reads Jasper Ridge as its unmixing file holds it (Y and A); for another file, use `type: hsi` with `cube:` and `labels:` naming its variables.';
    const y = matVariable(bytes.get(file.path) as Buffer, file, 'Y', 'spectra Y', expected);
    const a = matVariable(bytes.get(file.path) as Buffer, file, 'A', 'abundances A', expected);
    const [bands, pixels] = y.dims;
    const side = Math.round(Math.sqrt(pixels));
    if (side * side !== pixels || a.dims[1] !== pixels || a.dims[0] !== JASPER_CLASSES.length) {
      throw corrupt(file, `Y is ${y.dims.join('x')} and A is ${a.dims.join('x')}; Jasper Ridge has Y [bands, 10000] and A [4, 10000].`);
    }
    const cube = new Float32Array(pixels * bands);
    const labels = new Int32Array(pixels);
    const min = spec.min_abundance ?? 0;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const p = r + side * c;
        const out = r * side + c;
        for (let b = 0; b < bands; b++) cube[out * bands + b] = y.data[b * pixels + p];
        let best = 0;
        for (let k = 1; k < a.dims[0]; k++) if (a.data[k * pixels + p] > a.data[best * pixels + p]) best = k;
        labels[out] = a.data[best * pixels + p] >= min ? best + 1 : 0;
      }
    }
    return scene({ dims: [side, side, bands], data: cube }, { dims: [side, side], data: labels }, [file, file], JASPER_CLASSES, 0, spec.classes);
  },
  describe: () => ({ kind: 'scene', classes: 4, shape: [100, 100, 198], dtype: 'float32' }),
};
