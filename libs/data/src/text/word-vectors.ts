/**
 * Pre-trained word vectors for a text dataset's vocabulary, from a file in word2vec's text format
 * (a first line "<words> <dimensions>", then one "<word> <v1> ... <vd>" per line; fastText's .vec
 * files are the same) or GloVe's (the same lines without the first one). Only the words of the
 * trial's vocabulary are kept: row `id` of the result is the vector of the vocabulary's word `id`.
 * A vocabulary word missing from the file keeps the embedding's own initial values; with
 * lower-casing on, a file word matches through its lower-cased form when the exact form is absent
 * ("The" serves "the" if the file has no "the"), the first such line winning.
 */
import { UserError } from '@ablate/spec';
import { corrupt, type FileRef } from '../formats/read-file';
import { OOV_ID, type Vocabulary } from './vocabulary';

export interface WordVectors {
  dim: number;
  /** [vocab_size, dim], row-major; rows of words not found are zeros (and `found` is 0 there). */
  values: Float32Array;
  found: Uint8Array;
  /** Vocabulary words (not padding or out-of-vocabulary ids) that got a vector. */
  words_found: number;
  /** Lines of vectors in the file. */
  file_words: number;
}

const NEWLINE = 10;

/** The first line's fields, to tell a word2vec header from a GloVe vector line. */
function header(first: string): { dim: number; count: number } | undefined {
  const fields = first.trim().split(/\s+/);
  if (fields.length === 2 && /^\d+$/.test(fields[0]) && /^\d+$/.test(fields[1])) return { count: Number(fields[0]), dim: Number(fields[1]) };
  return undefined;
}

function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, 1 << 16));
  return head.includes(0);
}

/** The dimension the file's vectors have, read from its first line (for validation without reading it all). */
export function vectorsDim(bytes: Buffer, file: FileRef): number {
  const end = bytes.indexOf(NEWLINE);
  const first = bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
  const declared = header(first);
  if (declared) return declared.dim;
  const fields = first.trim().split(/\s+/);
  if (fields.length < 2) throw corrupt(file, 'its first line is neither a word2vec header ("<words> <dimensions>") nor a word with its vector.', FORMAT_HINT);
  return fields.length - 1;
}

const FORMAT_HINT = 'Give a text file in word2vec format ("<words> <dimensions>", then "<word> <v1> ... <vd>" per line) or GloVe format (the same lines without the first).';

export function readWordVectors(bytes: Buffer, file: FileRef, vocabulary: Vocabulary, lowercase: boolean): WordVectors {
  if (looksBinary(bytes)) {
    throw corrupt(
      file,
      'it is a binary file; word vectors are read in the text format.',
      'Convert it once, e.g. with gensim: `KeyedVectors.load_word2vec_format(src, binary=True).save_word2vec_format(dst, binary=False)`.',
    );
  }
  const dim = vectorsDim(bytes, file);
  const size = vocabulary.size;
  const values = new Float32Array(size * dim);
  const found = new Uint8Array(size);
  const exact = new Uint8Array(size);
  let wordsFound = 0;
  let fileWords = 0;
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    line++;
    const text = bytes.toString('utf8', start, end);
    start = end + 1;
    if (line === 1 && header(text)) continue;
    const trimmed = text.trimEnd();
    if (trimmed === '') continue;
    fileWords++;
    const space = trimmed.indexOf(' ');
    if (space <= 0) throw corrupt(file, `line ${line} has a word and no vector.`, FORMAT_HINT);
    const word = trimmed.slice(0, space);
    let id = vocabulary.ids.get(word);
    let isExact = true;
    if (id === undefined && lowercase) {
      id = vocabulary.ids.get(word.toLowerCase());
      isExact = false;
    }
    if (id === undefined || id <= OOV_ID || exact[id] || (found[id] && !isExact)) continue;
    const fields = trimmed.slice(space + 1).trim().split(/\s+/);
    if (fields.length !== dim) throw corrupt(file, `line ${line} ("${word}") has ${fields.length} numbers where the file's vectors have ${dim}.`, FORMAT_HINT);
    for (let j = 0; j < dim; j++) {
      const v = Number(fields[j]);
      if (!Number.isFinite(v)) throw corrupt(file, `line ${line} ("${word}") has "${fields[j]}" where a number belongs.`, FORMAT_HINT);
      values[id * dim + j] = v;
    }
    if (!found[id]) wordsFound++;
    found[id] = 1;
    if (isExact) exact[id] = 1;
  }
  if (fileWords === 0) throw new UserError(`the word vectors file ${file.shown} holds no vectors.`, { hint: FORMAT_HINT });
  return { dim, values, found, words_found: wordsFound, file_words: fileWords };
}
