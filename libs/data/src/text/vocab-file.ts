/**
 * vocab.json, written into every trial folder of a text dataset: the tokenizer settings and the
 * vocabulary (token of each id, with its training count), so that the saved model can be applied
 * to new text: `readVocabFile` + `encodeText` give the ids the model was trained on. The file
 * carries its own word pattern, so an older file keeps encoding as it did.
 */
import { UserError } from '@ablate/spec';
import { tokenize, WORD_FLAGS, WORD_PATTERN } from './tokenizer';
import { encodeWords, OOV_ID, PAD_ID, vocabularyFrom, type Vocabulary } from './vocabulary';

export const VOCAB_FORMAT = 'ablate-vocab/1';

export interface TextSettings {
  lowercase: boolean;
  length: number;
  maxVocab: number;
  minCount: number;
}

export interface PartStats {
  texts: number;
  /** Words kept (at most `length` per text). */
  tokens: number;
  /** Of those, words outside the vocabulary. */
  oov_tokens: number;
  /** Texts longer than `length` words. */
  truncated_texts: number;
}

export interface VocabFile {
  format: string;
  tokenizer: { pattern: string; flags: string; lowercase: boolean; before: string };
  length: number;
  padding: 'end';
  truncation: 'keep the first length words';
  pad_id: number;
  oov_id: number;
  max_vocab: number;
  min_count: number;
  /** Ids the embedding accepts: max_vocab + 2. */
  vocab_size: number;
  /** Words in the vocabulary (ids 2 .. words + 1). */
  words: number;
  built_from: 'the training part only';
  /** Class names in the order of the model's outputs. */
  classes: string[];
  stats: { train: PartStats; val: PartStats; test: PartStats };
  /** The dataset's `vectors:` file: vectors in it, and vocabulary words that got one. */
  vectors?: { file: string; dim: number; file_words: number; words_found: number };
  tokens: string[];
  counts: number[];
}

export function vocabFile(vocabulary: Vocabulary, settings: TextSettings, classes: string[], stats: VocabFile['stats']): VocabFile {
  return {
    format: VOCAB_FORMAT,
    tokenizer: { pattern: WORD_PATTERN, flags: WORD_FLAGS, lowercase: settings.lowercase, before: "U+2019 (’) is replaced by U+0027 ('), then the text is lower-cased if lowercase, then every match of pattern is a word" },
    length: settings.length,
    padding: 'end',
    truncation: 'keep the first length words',
    pad_id: PAD_ID,
    oov_id: OOV_ID,
    max_vocab: settings.maxVocab,
    min_count: settings.minCount,
    vocab_size: vocabulary.size,
    words: vocabulary.tokens.length - 2,
    built_from: 'the training part only',
    classes,
    stats,
    tokens: vocabulary.tokens,
    counts: vocabulary.counts,
  };
}

/** A vocab file read back: what `encodeText` needs. */
export interface LoadedVocab {
  vocabulary: Vocabulary;
  length: number;
  lowercase: boolean;
  pattern: RegExp;
  classes: string[];
}

export function readVocabFile(json: unknown, where = 'vocab.json'): LoadedVocab {
  const file = json as Partial<VocabFile> | null;
  const bad = (what: string) => new UserError(`${where} is not an ablate vocabulary file: ${what}.`, { hint: `Give the vocab.json of a trial folder (format ${VOCAB_FORMAT}).` });
  if (typeof file !== 'object' || file === null || file.format !== VOCAB_FORMAT) throw bad(`its format is ${JSON.stringify(file?.format)}, not ${VOCAB_FORMAT}`);
  const { tokens, counts, tokenizer, length, vocab_size: size } = file;
  if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string')) throw bad('`tokens` is not a list of strings');
  if (!Array.isArray(counts) || counts.length !== tokens.length) throw bad('`counts` does not match `tokens`');
  if (!tokenizer || typeof tokenizer.pattern !== 'string' || typeof tokenizer.flags !== 'string') throw bad('`tokenizer` has no pattern');
  if (typeof length !== 'number' || typeof size !== 'number' || size < tokens.length) throw bad('`length` or `vocab_size` is missing');
  return {
    vocabulary: vocabularyFrom(tokens, counts, size),
    length,
    lowercase: tokenizer.lowercase === true,
    pattern: new RegExp(tokenizer.pattern, tokenizer.flags),
    classes: file.classes ?? [],
  };
}

/** The `length` token ids of a new text, as the model saw its training texts. */
export function encodeText(text: string, vocab: LoadedVocab): Int32Array {
  return encodeWords(tokenize(text, { lowercase: vocab.lowercase, pattern: vocab.pattern }), vocab.vocabulary, vocab.length).ids;
}
