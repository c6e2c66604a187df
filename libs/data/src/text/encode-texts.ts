/**
 * A trial's text data as token ids: every text is split into words, the vocabulary is built from
 * the training part alone (validation and test texts never add a word or a count), and each text
 * becomes `length` ids. What was built, with the settings that reproduce it, is the vocab file.
 */
import type { ExampleDataset, TextDataset } from '../datasets/dataset';
import { DEFAULT_MAX_VOCAB, type TextSpec } from '../datasets/text-loader';
import type { Parts } from '../split/make-split';
import { tokenize } from './tokenizer';
import { buildVocabulary, encodeWords, type Vocabulary } from './vocabulary';
import { vocabFile, type PartStats, type TextSettings, type VocabFile } from './vocab-file';
import { readWordVectors, type WordVectors } from './word-vectors';

export function textSettings(spec: TextSpec): TextSettings {
  return { lowercase: spec.lowercase ?? true, length: spec.length, maxVocab: spec.max_vocab ?? DEFAULT_MAX_VOCAB, minCount: spec.min_count ?? 1 };
}

export interface EncodedTexts {
  dataset: ExampleDataset;
  vocabulary: Vocabulary;
  file: VocabFile;
  /** The rows of the dataset's `vectors:` file for this vocabulary. */
  vectors?: WordVectors;
}

/** Other texts (new data for `ablate predict`) as token ids through a trial's vocabulary and settings: words it does not know become the unknown id. */
export function encodeWithVocabulary(dataset: TextDataset, vocabulary: Vocabulary, settings: TextSettings): ExampleDataset {
  const x = new Int32Array(dataset.texts.length * settings.length);
  dataset.texts.forEach((t, i) => encodeWords(tokenize(t, settings), vocabulary, settings.length, x.subarray(i * settings.length, (i + 1) * settings.length)));
  return { kind: 'examples', shape: [settings.length], x, y: dataset.y, dtype: 'int32', classes: dataset.classes, classNames: dataset.classNames, files: dataset.files };
}

export function encodeTexts(dataset: TextDataset, parts: Parts, settings: TextSettings): EncodedTexts {
  const words = dataset.texts.map((t) => tokenize(t, settings));
  const vocabulary = buildVocabulary(
    Array.from(parts.train, (i) => words[i]),
    settings,
  );
  const n = dataset.texts.length;
  const x = new Int32Array(n * settings.length);
  const oov = new Int32Array(n);
  for (let i = 0; i < n; i++) oov[i] = encodeWords(words[i], vocabulary, settings.length, x.subarray(i * settings.length, (i + 1) * settings.length)).oov;
  const stats = (items: Int32Array): PartStats => {
    let tokens = 0;
    let outside = 0;
    let truncated = 0;
    for (const i of items) {
      tokens += Math.min(words[i].length, settings.length);
      outside += oov[i];
      if (words[i].length > settings.length) truncated++;
    }
    return { texts: items.length, tokens, oov_tokens: outside, truncated_texts: truncated };
  };
  const vectors = dataset.vectors ? readWordVectors(dataset.vectors.bytes, dataset.vectors.file, vocabulary, settings.lowercase) : undefined;
  const file = vocabFile(vocabulary, settings, dataset.classNames, { train: stats(parts.train), val: stats(parts.val), test: stats(parts.test) });
  return {
    dataset: { kind: 'examples', shape: [settings.length], x, y: dataset.y, dtype: 'int32', classes: dataset.classes, classNames: dataset.classNames, files: dataset.files, ...(dataset.given ? { given: dataset.given } : {}) },
    vocabulary,
    file: vectors && dataset.vectors ? { ...file, vectors: { file: dataset.vectors.file.shown, dim: vectors.dim, file_words: vectors.file_words, words_found: vectors.words_found } } : file,
    ...(vectors ? { vectors } : {}),
  };
}
