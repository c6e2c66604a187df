/** The word tokenizer and the vocabulary: min_count, max_vocab, ties, ids, padding and truncation. */
import { tokenize } from './tokenizer';
import { buildVocabulary, encodeWords, OOV_ID, PAD_ID } from './vocabulary';

const words = (text: string, lowercase = true) => tokenize(text, { lowercase });

describe('the word tokenizer', () => {
  it('keeps runs of letters and digits, joined through inner apostrophes, and drops the rest', () => {
    expect(words('"Oh! my dear Mr. Bennet," said his lady--')).toEqual(['oh', 'my', 'dear', 'mr', 'bennet', 'said', 'his', 'lady']);
    expect(words("Don't; Elizabeth's 'quoted' twenty-one _italic_ 1,500 dlrs")).toEqual(["don't", "elizabeth's", 'quoted', 'twenty', 'one', 'italic', '1', '500', 'dlrs']);
  });

  it('reads the typographic apostrophe as a plain one, and any script as letters', () => {
    expect(words('don’t café Ελλάδα £5')).toEqual(["don't", 'café', 'ελλάδα', '5']);
  });

  it('lower-cases only when asked', () => {
    expect(words('The CAT', false)).toEqual(['The', 'CAT']);
    expect(words('The CAT')).toEqual(['the', 'cat']);
    expect(words(' \n\t—')).toEqual([]);
  });
});

describe('the vocabulary', () => {
  const docs = [words('b a c a b d'), words('a e e c c')];

  it('orders words by count, then by the word; ids 0 and 1 are padding and out-of-vocabulary', () => {
    const v = buildVocabulary(docs, { maxVocab: 100, minCount: 1 });
    // a:3 c:3 b:2 e:2 d:1 → a and c tie at 3, b and e tie at 2
    expect(v.tokens).toEqual(['<pad>', '<oov>', 'a', 'c', 'b', 'e', 'd']);
    expect(v.counts).toEqual([0, 0, 3, 3, 2, 2, 1]);
    expect(v.size).toBe(102);
    expect(v.ids.get('c')).toBe(3);
  });

  it('drops words below min_count and keeps at most max_vocab words', () => {
    expect(buildVocabulary(docs, { maxVocab: 100, minCount: 2 }).tokens).toEqual(['<pad>', '<oov>', 'a', 'c', 'b', 'e']);
    const small = buildVocabulary(docs, { maxVocab: 3, minCount: 1 });
    expect(small.tokens).toEqual(['<pad>', '<oov>', 'a', 'c', 'b']);
    expect(small.size).toBe(5);
  });

  it('does not depend on the order of the documents or of the words', () => {
    const a = buildVocabulary(docs, { maxVocab: 4, minCount: 1 });
    const b = buildVocabulary([[...docs[1]].reverse(), [...docs[0]].reverse()], { maxVocab: 4, minCount: 1 });
    expect(b).toEqual(a);
  });

  it('encodes a text: out-of-vocabulary words as 1, padded at the end with 0, truncated to its first words', () => {
    const v = buildVocabulary(docs, { maxVocab: 3, minCount: 1 });
    const short = encodeWords(words('a z b'), v, 6);
    expect(Array.from(short.ids)).toEqual([2, OOV_ID, 4, PAD_ID, PAD_ID, PAD_ID]);
    expect(short).toMatchObject({ oov: 1, words: 3 });
    const long = encodeWords(words('c c a e z z z'), v, 4);
    expect(Array.from(long.ids)).toEqual([3, 3, 2, OOV_ID]);
    expect(long).toMatchObject({ oov: 1, words: 7 });
    expect(Array.from(encodeWords([], v, 2).ids)).toEqual([0, 0]);
  });
});
