/**
 * Phase "prepare": a trial's data sections → train / validation / test sources, fitted on the
 * training part, plus the facts the model compiler needs. The dataset itself is loaded once per
 * process and shared; everything random comes from the trial seed.
 */
import { UserError, type AugmentationSpec, type CorruptionSpec, type DataFacts, type TaskSpec, type DatasetSpec, type PreprocessingSpec, type SplitSpec } from '@ablate/spec';
import { makeAugmenter, type Augmenter } from './augment/augmenter';
import type { Source } from './batches/batch';
import { exampleSource, gatherRaw } from './batches/example-source';
import { padCube, sceneSource } from './batches/scene-source';
import { makeCorruptions, type Corruption } from './corrupt/corruptions';
import { makePairing, type Pairing } from './task/noisy-pairs';
import type { DataFile, Dataset, ExampleDataset } from './datasets/dataset';
import { loadDataset } from './datasets/load-dataset';
import { fitExampleSteps, type FitStream } from './preprocess/example-steps';
import type { FittedStep } from './preprocess/fitted-steps';
import { fitSceneSteps } from './preprocess/scene-steps';
import { makeSplit, type Parts } from './split/make-split';
import { encodeTexts, encodeWithVocabulary, textSettings } from './text/encode-texts';
import type { VocabFile } from './text/vocab-file';
import type { WordVectors } from './text/word-vectors';
import type { TextSpec } from './datasets/text-loader';

export interface DataConfig {
  dataset: DatasetSpec;
  preprocessing?: PreprocessingSpec[];
  split?: SplitSpec;
  augmentation?: AugmentationSpec[];
  /** image_to_image makes noisy inputs and clean targets (task/noisy-pairs.ts). */
  task?: TaskSpec;
  evaluation?: { corruptions?: CorruptionSpec[] };
}

export interface PreparedData {
  kind: Dataset['kind'];
  facts: DataFacts;
  /** Text data: the vocabulary built from this trial's training part, for the trial's vocab.json. */
  vocabulary?: VocabFile;
  /** Text data with `vectors:`: the vector of each vocabulary id an embedding with `vectors: true` starts from. */
  wordVectors?: WordVectors;
  classNames: string[];
  train: Source;
  /** Empty when the split has no validation part. */
  val: Source;
  test: Source;
  files: DataFile[];
  augment?: Augmenter;
  corruptions: Corruption[];
  /** image_to_image: noisy inputs, clean targets (see task/noisy-pairs.ts). */
  pair?: Pairing;
  /** A scene: every pixel (labelled or not, row-major), for the trial's classification map. */
  scene?: SceneMap;
  /**
   * Every example of another dataset of the same kind through this trial's fitted preprocessing
   * (texts: its vocabulary and length; a scene: every pixel, row-major, through the per-band
   * statistics and PCA fitted on the trial's scene), as the model saw its own (`ablate predict`).
   */
  sourceOf: (other: Dataset) => Source;
  /** Examples: the raw example's shape and type, and the preprocessing as fitted, as data (an exported model's preprocessing.json). */
  fitted?: { input: { shape: number[]; dtype: 'float32' | 'int32' }; steps: FittedStep[] };
}

export interface SceneMap {
  rows: number;
  cols: number;
  /** Per pixel: the ground truth's class index, -1 where unlabelled. */
  labels: Int32Array;
  /** Every pixel of the scene in row-major order, built as the parts' examples are. */
  pixels: Source;
}

const CHUNK = 2048;

function examples(dataset: ExampleDataset, steps: PreprocessingSpec[], parts: Parts, seed: number) {
  if (dataset.dtype === 'int32' && steps.length > 0) {
    throw new UserError('these examples are token ids (int32); preprocessing steps apply to numeric features.', { hint: 'Remove `preprocessing:`.' });
  }
  const all = Int32Array.from(dataset.y.keys());
  const fitItems = (everything: boolean) => (everything ? all : parts.train);
  const streamOf =
    (items: (everything: boolean) => Int32Array): FitStream =>
    (ops, visit, everything) => {
      const chosen = items(everything);
      for (let start = 0; start < chosen.length; start += CHUNK) {
        const slice = chosen.subarray(start, Math.min(start + CHUNK, chosen.length));
        let x = gatherRaw(dataset, slice) as Float32Array;
        for (const op of ops) x = op.apply(x, slice.length);
        visit(x, slice.length);
      }
    };
  const ops = fitExampleSteps(steps, dataset.shape, streamOf(fitItems), (everything) => fitItems(everything).length, seed, (positions) => streamOf((everything) => Int32Array.from(positions, (p) => fitItems(everything)[p])));
  return { source: (items: Int32Array) => exampleSource(dataset, items, ops), ops };
}

/** How each kind of data is named when new data for a trial is of another kind, and what to give instead. */
const KINDS: Record<Dataset['kind'], { name: string; trained: string; hint: string }> = {
  examples: { name: 'examples', trained: 'examples (images, tables, arrays)', hint: 'Give data of the kind the trial was trained on.' },
  text: { name: 'texts', trained: 'texts', hint: "Give texts: --data '{type: text, path: passages.tsv, length: N}' (the trial's own length and vocabulary are used)." },
  scene: { name: 'a scene', trained: 'a scene', hint: "Give a scene (a hyperspectral cube with its ground truth), as the trial's dataset is given." },
};

/** A trial's source for new data of its own kind; data of another kind is one paragraph naming both. */
function ofKind<K extends Dataset['kind']>(kind: K, make: (other: Extract<Dataset, { kind: K }>) => Source): (other: Dataset) => Source {
  return (other) => {
    if (other.kind !== kind) throw new UserError(`the new data is ${KINDS[other.kind].name}; the trial's model was trained on ${KINDS[kind].trained}.`, { hint: KINDS[kind].hint });
    return make(other as Extract<Dataset, { kind: K }>);
  };
}

/** Another dataset's examples through fitted ops, when their raw shape is the one the ops were fitted on. */
function foreignSource(fitted: ExampleDataset, ops: ReturnType<typeof examples>['ops']) {
  return ofKind('examples', (other): Source => {
    if (other.shape.join() !== fitted.shape.join() || other.dtype !== fitted.dtype) {
      throw new UserError(`the new examples are ${JSON.stringify(other.shape)} (${other.dtype}); the trial's model was trained on ${JSON.stringify(fitted.shape)} (${fitted.dtype}) before its preprocessing.`, {
        hint: 'Give data of the trained shape: for images, the same size and channels (an image_folder can resize with `size:` and convert with `channels:`).',
      });
    }
    return exampleSource(other, Int32Array.from(other.y.keys()), ops);
  });
}

export function prepareData(config: DataConfig, options: { baseDir: string; seed: number }): PreparedData {
  const dataset = loadDataset(config.dataset, { baseDir: options.baseDir });
  const parts = makeSplit(dataset, config.split, options.seed);
  const steps = config.preprocessing ?? [];
  let source: (items: Int32Array) => Source;
  let text: ReturnType<typeof encodeTexts> | undefined;
  let scene: SceneMap | undefined;
  let sourceOf: PreparedData['sourceOf'];
  let fitted: PreparedData['fitted'];
  if (dataset.kind === 'text') {
    const settings = textSettings(config.dataset as TextSpec);
    const encoded = encodeTexts(dataset, parts, settings);
    const prepared = examples(encoded.dataset, steps, parts, options.seed);
    text = encoded;
    source = prepared.source;
    sourceOf = ofKind('text', (other) => {
      const ids = encodeWithVocabulary(other, encoded.vocabulary, settings);
      return exampleSource(ids, Int32Array.from(ids.y.keys()), prepared.ops);
    });
  } else if (dataset.kind === 'examples') {
    const prepared = examples(dataset, steps, parts, options.seed);
    source = prepared.source;
    sourceOf = foreignSource(dataset, prepared.ops);
    fitted = { input: { shape: dataset.shape, dtype: dataset.dtype }, steps: prepared.ops.map((o) => o.fitted) };
  } else {
    const fittedScene = fitSceneSteps(steps, dataset, parts.train);
    const cube = padCube(dataset, fittedScene);
    source = (items) => sceneSource(dataset, cube, items);
    scene = { rows: dataset.rows, cols: dataset.cols, labels: dataset.labels, pixels: source(Int32Array.from(dataset.labels.keys())) };
    sourceOf = ofKind('scene', (other) => sceneSource(other, padCube(other, fittedScene.replay(other)), Int32Array.from(other.labels.keys())));
  }
  const train = source(parts.train);
  const shape = train.exampleShape;
  return {
    kind: dataset.kind,
    facts: {
      classes: dataset.classes,
      input_shape: shape,
      input_dtype: train.dtype,
      ...(text ? { vocab_size: text.vocabulary.size } : {}),
      ...(text?.vectors ? { vectors_dim: text.vectors.dim } : {}),
    },
    ...(text ? { vocabulary: text.file } : {}),
    ...(text?.vectors ? { wordVectors: text.vectors } : {}),
    classNames: dataset.classNames,
    train,
    val: source(parts.val),
    test: source(parts.test),
    files: dataset.files,
    augment: makeAugmenter(config.augmentation, shape, train.dtype),
    corruptions: makeCorruptions(config.evaluation?.corruptions, shape, options.seed),
    pair: makePairing(config.task, shape, train.dtype, options.seed),
    ...(scene ? { scene } : {}),
    sourceOf,
    ...(fitted ? { fitted } : {}),
  };
}
