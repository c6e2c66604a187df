/** vocab.json round trip: read back, it encodes any text exactly as the trial encoded its texts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUserError } from '@ablate/spec';
import { prepareData } from '../prepare';
import { TEXT } from '../testing/paths';
import { encodeText, readVocabFile, VOCAB_FORMAT } from './vocab-file';

describe('the vocab file', () => {
  const config = {
    dataset: { type: 'text' as const, path: 'austen/train.tsv', test_path: 'austen/test.tsv', length: 40, max_vocab: 3000, min_count: 3, lowercase: false },
    split: { type: 'given' as const, val: 0.1 },
  };
  const data = prepareData(config, { baseDir: TEXT, seed: 7 });
  const json = JSON.parse(JSON.stringify(data.vocabulary));

  it('records the tokenizer settings, the vocabulary and the classes', () => {
    expect(json).toMatchObject({
      format: VOCAB_FORMAT,
      tokenizer: { pattern: "[\\p{L}\\p{N}]+(?:'[\\p{L}\\p{N}]+)*", flags: 'gu', lowercase: false },
      length: 40,
      pad_id: 0,
      oov_id: 1,
      max_vocab: 3000,
      min_count: 3,
      vocab_size: 3002,
      words: 3000,
      classes: data.classNames,
    });
    expect(json.tokens.slice(0, 4)).toEqual(['<pad>', '<oov>', 'the', 'to']);
    expect(json.tokens).toHaveLength(3002);
    expect(json.counts).toHaveLength(3002);
  });

  it('read back from JSON, encodes every text as the trial did', () => {
    const loaded = readVocabFile(json);
    const rows = readFileSync(join(TEXT, 'austen', 'test.tsv'), 'utf8').split('\n').slice(1, -1);
    const batch = data.test.gather(Array.from({ length: data.test.size }, (_, i) => i));
    rows.forEach((row, i) => expect(Array.from(encodeText(row.split('\t')[3], loaded))).toEqual(Array.from(batch.x.subarray(i * 40, (i + 1) * 40))));
    expect(Array.from(encodeText('Emma xyzzy', loaded).subarray(0, 3))).toEqual([json.tokens.indexOf('Emma'), 1, 0]);
  });

  it('refuses a file that is not a vocabulary', () => {
    for (const bad of [null, { format: 'other' }, { ...json, counts: [] }, { ...json, tokenizer: {} }]) {
      let error: unknown;
      try {
        readVocabFile(bad, 'trial/vocab.json');
      } catch (e) {
        error = e;
      }
      expect(isUserError(error) && error.message).toMatch(/^trial\/vocab\.json is not an ablate vocabulary file/);
    }
  });
});
