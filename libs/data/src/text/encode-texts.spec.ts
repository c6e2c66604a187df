/**
 * A trial's texts as token ids: the vocabulary comes from the training part alone, on synthetic
 * texts where every part has words of its own, and on the real Jane Austen passages.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextDataset } from '../datasets/dataset';
import { describeData } from '../describe';
import { prepareData } from '../prepare';
import { TEXT } from '../testing/paths';
import { encodeTexts } from './encode-texts';
import { tokenize } from './tokenizer';

const texts = ['alpha beta', 'alpha gamma', 'beta beta valword', 'delta testword alpha'];
const dataset: TextDataset = { kind: 'text', texts, y: Int32Array.from([0, 1, 0, 1]), classes: 2, classNames: ['x', 'y'], files: [] };
const parts = { train: Int32Array.from([0, 1]), val: Int32Array.from([2]), test: Int32Array.from([3]) };

describe('encoding a trial\'s texts', () => {
  const settings = { lowercase: true, length: 4, maxVocab: 10, minCount: 1 };

  it('builds the vocabulary from the training texts only', () => {
    const { vocabulary, dataset: encoded, file } = encodeTexts(dataset, parts, settings);
    expect(vocabulary.tokens).toEqual(['<pad>', '<oov>', 'alpha', 'beta', 'gamma']);
    expect(vocabulary.counts).toEqual([0, 0, 2, 1, 1]);
    // validation and test words are out of vocabulary, and add nothing to the counts
    expect(Array.from(encoded.x.subarray(8, 16))).toEqual([3, 3, 1, 0, 1, 1, 2, 0]);
    expect(encoded).toMatchObject({ kind: 'examples', shape: [4], dtype: 'int32', classes: 2 });
    expect(file.stats).toEqual({
      train: { texts: 2, tokens: 4, oov_tokens: 0, truncated_texts: 0 },
      val: { texts: 1, tokens: 3, oov_tokens: 1, truncated_texts: 0 },
      test: { texts: 1, tokens: 3, oov_tokens: 2, truncated_texts: 0 },
    });
  });

  it('counts the truncated texts', () => {
    expect(encodeTexts(dataset, parts, { ...settings, length: 2 }).file.stats.val).toEqual({ texts: 1, tokens: 2, oov_tokens: 0, truncated_texts: 1 });
  });
});

describe('preparing a text dataset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-text-prepare-'));
  writeFileSync(join(dir, 'train.tsv'), `label\ttext\n${Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'odd' : 'even'}\tword${i} common ${i % 2 ? 'one' : 'two'}`).join('\n')}\n`);
  writeFileSync(join(dir, 'test.tsv'), 'label\ttext\neven\tnever seen two\nodd\tone common\n');
  const config = { dataset: { type: 'text' as const, path: 'train.tsv', test_path: 'test.tsv', length: 3, max_vocab: 50 }, split: { type: 'given' as const, val: 0.25 } };

  it('gives the model int32 ids, the classes and the vocabulary size, the same as without reading the data', () => {
    const data = prepareData(config, { baseDir: dir, seed: 1 });
    expect(data.facts).toEqual({ classes: 2, input_shape: [3], input_dtype: 'int32', vocab_size: 52 });
    expect(describeData({ dataset: { ...config.dataset, classes: 2 } })).toEqual(data.facts);
    expect([data.train.size, data.val.size, data.test.size]).toEqual([30, 10, 2]);
    expect(data.vocabulary?.words).toBe(30 + 3);
    const batch = data.test.gather([0, 1]);
    expect(batch.shape).toEqual([2, 3]);
    expect(Array.from(batch.x)).toEqual([1, 1, data.vocabulary!.tokens.indexOf('two'), data.vocabulary!.tokens.indexOf('one'), data.vocabulary!.tokens.indexOf('common'), 0]);
  });

  it('leaves the validation texts out of the vocabulary, and repeats itself for a seed', () => {
    const a = prepareData(config, { baseDir: dir, seed: 1 });
    const valWords = Array.from(a.val.items, (i) => `word${i}`);
    expect(valWords.filter((w) => a.vocabulary!.tokens.includes(w))).toEqual([]);
    expect(Array.from(a.train.items, (i) => `word${i}`).every((w) => a.vocabulary!.tokens.includes(w))).toBe(true);
    const again = prepareData(config, { baseDir: dir, seed: 1 });
    expect(again.vocabulary).toEqual(a.vocabulary);
    expect(Array.from(again.train.gather([0, 1, 2]).x)).toEqual(Array.from(a.train.gather([0, 1, 2]).x));
    expect(prepareData(config, { baseDir: dir, seed: 2 }).vocabulary!.tokens).not.toEqual(a.vocabulary!.tokens);
  });

  it('counts the words of the real training passages only', () => {
    const austen = { dataset: { type: 'text' as const, path: 'austen/train.tsv', test_path: 'austen/test.tsv', length: 80, max_vocab: 5000, min_count: 2 }, split: { type: 'given' as const } };
    const vocab = prepareData(austen, { baseDir: TEXT, seed: 1 }).vocabulary!;
    expect(vocab.stats.train.texts).toBe(2400);
    // recount the training table by hand: every word seen twice or more, by count then word
    const counts = new Map<string, number>();
    const rows = readFileSync(join(TEXT, 'austen', 'train.tsv'), 'utf8').split('\n').slice(1, -1);
    for (const row of rows) for (const w of tokenize(row.split('\t')[3], { lowercase: true })) counts.set(w, (counts.get(w) ?? 0) + 1);
    const expected = [...counts].filter(([, n]) => n >= 2).sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1));
    expect(vocab.tokens.slice(2)).toEqual(expected.map(([w]) => w));
    expect(vocab.counts.slice(2)).toEqual(expected.map(([, n]) => n));
    expect(vocab.words).toBeLessThan(5000);
    expect(vocab.tokens.slice(2, 6)).toEqual(['the', 'to', 'and', 'of']);
  });
});
