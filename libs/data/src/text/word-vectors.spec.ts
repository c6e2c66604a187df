/** Reading word vectors (synthetic files, made here) for a vocabulary. */
import { isUserError } from '@ablate/spec';
import { vocabularyFrom, PAD_TOKEN, OOV_TOKEN } from './vocabulary';
import { readWordVectors, vectorsDim } from './word-vectors';

const FILE = { shown: 'vectors.txt', path: '/nowhere/vectors.txt' };
// ids: 0 <pad>, 1 <oov>, 2 the, 3 house, 4 emma; 6 ids (max_vocab 4)
const VOCAB = vocabularyFrom([PAD_TOKEN, OOV_TOKEN, 'the', 'house', 'emma'], [0, 0, 9, 5, 3], 6);

const read = (text: string, lowercase = true) => readWordVectors(Buffer.from(text), FILE, VOCAB, lowercase);
const row = (v: ReturnType<typeof read>, id: number) => Array.from(v.values.subarray(id * v.dim, (id + 1) * v.dim));

function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isUserError(error)) return error.message;
    throw error;
  }
  throw new Error('no error');
}

describe('word vectors', () => {
  it('reads word2vec text format: rows of the vocabulary words, zeros elsewhere', () => {
    const v = read('4 3\nthe 0.5 -1 2\nzebra 9 9 9\nhouse 1e-2 0 -0.25\n<pad> 7 7 7\n');
    expect(v.dim).toBe(3);
    expect(v.file_words).toBe(4);
    expect(v.words_found).toBe(2);
    expect(Array.from(v.found)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(row(v, 2)).toEqual([0.5, -1, 2]);
    expect(row(v, 3)).toEqual([Math.fround(0.01), 0, -0.25]);
    expect(row(v, 0)).toEqual([0, 0, 0]); // the file's "<pad>" is not the padding id's vector
  });

  it('reads GloVe format (no header line) and CRLF line ends', () => {
    const v = read('the 1 2\r\nemma 3 4\r\n');
    expect(v.dim).toBe(2);
    expect(row(v, 2)).toEqual([1, 2]);
    expect(row(v, 4)).toEqual([3, 4]);
  });

  it('with lower-casing, a capitalised word serves when the exact one is absent; the exact one wins', () => {
    const v = read('Emma 1 1\nThe 2 2\nthe 3 3\nTHE 4 4\n');
    expect(row(v, 4)).toEqual([1, 1]);
    expect(row(v, 2)).toEqual([3, 3]);
    expect(v.words_found).toBe(2);
    const cased = read('Emma 1 1\n', false);
    expect(cased.words_found).toBe(0);
  });

  it('says which line is wrong, and refuses binary files', () => {
    expect(userError(() => read('2 3\nthe 1 2 3\nhouse 1 2\n'))).toMatch(/vectors\.txt: line 3 \("house"\) has 2 numbers where the file's vectors have 3/);
    expect(userError(() => read('the 1 x\n'))).toMatch(/line 1 \("the"\) has "x" where a number belongs/);
    expect(userError(() => read('2 3\n'))).toMatch(/holds no vectors/);
    expect(userError(() => read('3 2\n\u0000\u0001binary'))).toMatch(/binary file/);
    expect(userError(() => vectorsDim(Buffer.from('word\n'), FILE))).toMatch(/neither a word2vec header/);
  });

  it('knows the dimension from the first line alone', () => {
    expect(vectorsDim(Buffer.from('3000000 300\n'), FILE)).toBe(300);
    expect(vectorsDim(Buffer.from('the 1 2 3 4\n'), FILE)).toBe(4);
  });
});
