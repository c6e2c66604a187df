/**
 * The vocabulary of a text dataset, built from the training part only: the words that occur at
 * least `minCount` times, most frequent first (ties: the word, in code-point order), at most
 * `maxVocab` of them. Id 0 pads, id 1 stands for every word outside the vocabulary, the words
 * take ids 2, 3, ... The embedding needs `maxVocab + 2` ids whatever the corpus holds, so the
 * model's size is known from the experiment alone (ids past the last word are never used).
 */
export const PAD_ID = 0;
export const OOV_ID = 1;
export const PAD_TOKEN = '<pad>';
export const OOV_TOKEN = '<oov>';

export interface VocabularyOptions {
  maxVocab: number;
  minCount: number;
}

export interface Vocabulary {
  /** Token of each id: `<pad>`, `<oov>`, then the words. */
  tokens: string[];
  /** Training-part count of each token (0 for the two reserved ids). */
  counts: number[];
  /** Ids the embedding must accept: maxVocab + 2. */
  size: number;
  ids: ReadonlyMap<string, number>;
}

export function vocabularyFrom(tokens: string[], counts: number[], size: number): Vocabulary {
  return { tokens, counts, size, ids: new Map(tokens.map((t, i) => [t, i])) };
}

export function buildVocabulary(documents: Iterable<readonly string[]>, options: VocabularyOptions): Vocabulary {
  const counts = new Map<string, number>();
  for (const words of documents) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const kept = [...counts].filter(([, n]) => n >= options.minCount);
  kept.sort(([a, n], [b, m]) => m - n || (a < b ? -1 : a > b ? 1 : 0));
  const words = kept.slice(0, options.maxVocab);
  return vocabularyFrom([PAD_TOKEN, OOV_TOKEN, ...words.map(([w]) => w)], [0, 0, ...words.map(([, n]) => n)], options.maxVocab + 2);
}

export interface Encoded {
  ids: Int32Array;
  /** Words of the text outside the vocabulary (within the kept `length`). */
  oov: number;
  /** Words of the text, before truncation. */
  words: number;
}

/** Word ids of one text: its first `length` words, then padding. */
export function encodeWords(words: readonly string[], vocabulary: Vocabulary, length: number, out = new Int32Array(length)): Encoded {
  out.fill(PAD_ID);
  let oov = 0;
  const n = Math.min(words.length, length);
  for (let i = 0; i < n; i++) {
    const id = vocabulary.ids.get(words[i]);
    if (id === undefined) oov++;
    out[i] = id ?? OOV_ID;
  }
  return { ids: out, oov, words: words.length };
}
