/** A loaded dataset: labelled examples, a hyperspectral scene (cube + ground truth), or labelled texts. */
import type { FileRef } from '../formats/read-file';

export interface DataFile {
  /** The path as written (relative to the experiment). */
  shown: string;
  sha256: string;
}

interface Common {
  classes: number;
  classNames: string[];
  files: DataFile[];
}

export interface ExampleDataset extends Common {
  kind: 'examples';
  /** One example's shape, channels last ([28, 28, 1], [features]). */
  shape: number[];
  /** Every example, row-major, one after the other. */
  x: Uint8Array | Float32Array | Int32Array;
  /** Class index 0..classes-1 of each example. */
  y: Int32Array;
  /** The labels as numbers, when they are numeric (targets of a regression). */
  values?: Float32Array;
  dtype: 'float32' | 'int32';
  /** The dataset's own train/test parts (Fashion-MNIST, CIFAR-10, separate files), and validation part (an image folder's val/). */
  given?: { train: Int32Array; test: Int32Array; val?: Int32Array };
}

export interface SceneDataset extends Common {
  kind: 'scene';
  rows: number;
  cols: number;
  bands: number;
  /** [rows, cols, bands], row-major. */
  cube: Float32Array;
  /** Per pixel: -1 unlabelled, else the class index. */
  labels: Int32Array;
  /** The value of each class in the file's ground-truth map. */
  classIds: number[];
  /** Predefined train/test pixels (e.g. TRpavia_fixed / TSpavia_fixed). */
  given?: { train: Int32Array; test: Int32Array };
}

/** Raw texts: tokenised per trial, once the split says which texts may build the vocabulary. */
export interface TextDataset extends Common {
  kind: 'text';
  texts: string[];
  /** Class index 0..classes-1 of each text. */
  y: Int32Array;
  /** A separate test file or folder. */
  given?: { train: Int32Array; test: Int32Array };
  /** The `vectors:` file, read per trial for the words of its vocabulary (text/word-vectors.ts). */
  vectors?: { bytes: Buffer; file: FileRef };
}

export type Dataset = ExampleDataset | SceneDataset | TextDataset;

/** Static facts of a dataset spec, known without reading any file. */
export interface DatasetShape {
  classes?: number;
  /** One example before preprocessing (a scene: [rows, cols, bands], per pixel [bands]). */
  shape?: number[];
  kind: 'examples' | 'scene' | 'text';
  dtype?: 'float32' | 'int32';
  /** Text: the token ids the embedding must accept. */
  vocab_size?: number;
  vectors_dim?: number;
}

export interface LoaderContext {
  /** Folder the dataset paths are relative to (the experiment file's). */
  baseDir: string;
}

/** Files read by a loader, in the order it declared them. */
export type FileBytes = ReadonlyMap<string, Buffer>;

export interface DatasetLoader<S = Record<string, unknown>> {
  type: string;
  /** Which files the spec names (read and checksummed before `load`). */
  files(spec: S, ctx: LoaderContext): FileRef[];
  /** `bytes` reads a file when first asked for; `digests` holds every file's SHA-256 (a loader with a cache of its own keys it by them). */
  load(spec: S, bytes: FileBytes, files: FileRef[], digests?: ReadonlyMap<string, string>): Dataset;
  describe(spec: S): DatasetShape;
}
