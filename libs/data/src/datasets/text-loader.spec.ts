/**
 * The text loader on both input forms: the real tables of data/text/austen and the real class
 * folders of data/text/reuters, then small synthetic files for quoting, columns and mistakes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUserError } from '@ablate/spec';
import { TEXT } from '../testing/paths';
import type { TextDataset } from './dataset';
import { loadDataset } from './load-dataset';
import { DATASETS } from './register-all';

const load = (spec: Record<string, unknown>, baseDir = TEXT) => loadDataset({ type: 'text', length: 10, ...spec } as never, { baseDir }) as TextDataset;
const counts = (d: TextDataset) => d.classNames.map((_, k) => d.y.filter((y) => y === k).length);

const dir = mkdtempSync(join(tmpdir(), 'ablate-text-'));
const write = (name: string, content: string | Uint8Array) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), content);
};

function userError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return error.format();
    throw error;
  }
  throw new Error('no error');
}

describe('text datasets, real data', () => {
  it('reads a TSV table and its test table: labels by name, class ids in sorted order', () => {
    const data = load({ path: 'austen/train.tsv', test_path: 'austen/test.tsv' });
    expect(data.kind).toBe('text');
    expect(data.classNames).toEqual(['emma', 'mansfield_park', 'northanger_abbey', 'persuasion', 'pride_prejudice', 'sense_sensibility']);
    expect(data.texts).toHaveLength(3000);
    expect(counts(data)).toEqual([500, 500, 500, 500, 500, 500]);
    expect(data.given?.train).toHaveLength(2400);
    expect(Array.from(data.given!.test.subarray(0, 2))).toEqual([2400, 2401]);
    // the first passage of the table: Sense and Sensibility, chapter 1
    expect(data.texts[0]).toMatch(/^The family of Dashwood had long been settled in Sussex\./);
    expect(data.classNames[data.y[0]]).toBe('sense_sensibility');
    expect(data.files.map((f) => f.shown)).toEqual(['austen/train.tsv', 'austen/test.tsv']);
  });

  it('reads a folder with one sub-folder per class, one text per file', () => {
    const data = load({ path: 'reuters' });
    expect(data.classNames).toEqual(['acq', 'crude']);
    expect(counts(data)).toEqual([50, 20]);
    expect(data.given).toBeUndefined();
    expect(data.files[0].shown).toBe(join('reuters', 'acq', 'reut-00001.txt'));
    expect(data.texts[50]).toMatch(/^DIAMOND SHAMROCK \(DIA\) CUTS CRUDE PRICES\nDiamond Shamrock Corp said that\n/);
    expect(data.y[50]).toBe(1);
  });

  it('knows the example shape and the vocabulary size without reading a file', () => {
    const loader = DATASETS.get('text') as unknown as { describe(spec: unknown): unknown };
    expect(loader.describe({ path: 'nowhere.tsv', length: 80, max_vocab: 5000, classes: 6 })).toEqual({ kind: 'text', classes: 6, shape: [80], dtype: 'int32', vocab_size: 5002 });
    expect(loader.describe({ path: 'nowhere.tsv', length: 80 })).toMatchObject({ vocab_size: 20002 });
  });
});

describe('text datasets, synthetic files', () => {
  it('reads RFC 4180 quoting in a CSV file, and columns by index without a header', () => {
    write('quoted.csv', 'id,text,label\n1,"Hello, world",b\n2,"She said ""no""\nand left",a\n');
    const data = load({ path: 'quoted.csv' }, dir);
    expect(data.texts).toEqual(['Hello, world', 'She said "no"\nand left']);
    expect(Array.from(data.y)).toEqual([1, 0]);
    write('plain.csv', 'x;1\ny;0\n');
    const plain = load({ path: 'plain.csv', header: false, delimiter: ';', text_column: 0, label_column: 1 }, dir);
    expect(plain.texts).toEqual(['x', 'y']);
    expect(plain.classNames).toEqual(['0', '1']);
  });

  it('reads a TSV file without quoting: a quote at the start of a text is a character', () => {
    write('quotes.tsv', 'label\ttext\npos\t"Oh!" said she\nneg\tit is "fine"\n');
    expect(load({ path: 'quotes.tsv' }, dir).texts).toEqual(['"Oh!" said she', 'it is "fine"']);
  });

  it('orders numeric labels as numbers', () => {
    write('numbers.tsv', 'label\ttext\n10\ta\n9\tb\n2\tc\n');
    const data = load({ path: 'numbers.tsv' }, dir);
    expect(data.classNames).toEqual(['2', '9', '10']);
    expect(Array.from(data.y)).toEqual([2, 1, 0]);
  });

  it('takes a test folder next to a training table, with one label order for both', () => {
    write('mixed/train.tsv', 'label\ttext\ncat\tmeow\ndog\twoof\n');
    write('mixed/test/bird/1.txt', 'tweet');
    write('mixed/test/cat/1.txt', '\ufeffpurr');
    write('mixed/test/cat/.hidden', 'not a text');
    const data = load({ path: 'mixed/train.tsv', test_path: 'mixed/test' }, dir);
    expect(data.classNames).toEqual(['bird', 'cat', 'dog']);
    expect(data.texts).toEqual(['meow', 'woof', 'tweet', 'purr']);
    expect(Array.from(data.y)).toEqual([1, 2, 0, 1]);
    expect(Array.from(data.given!.test)).toEqual([2, 3]);
  });

  it('explains what is wrong with a table or a folder', () => {
    write('columns.tsv', 'label\tbody\na\tx\n');
    expect(userError(() => load({ path: 'columns.tsv' }, dir))).toMatch(/columns\.tsv has no text column "text"\. Its columns: label, body\. Set `text_column:`/);
    write('empty-label.tsv', 'label\ttext\na\tx\n\ty\n');
    expect(userError(() => load({ path: 'empty-label.tsv' }, dir))).toMatch(/cannot read empty-label\.tsv: row 3 has an empty label/);
    write('latin1/a/1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(userError(() => load({ path: 'latin1' }, dir))).toMatch(/cannot read latin1\/a\/1\.txt: it is not valid UTF-8 text\..*iconv/s);
    write('flat/1.txt', 'no class folder');
    expect(userError(() => load({ path: 'flat' }, dir))).toMatch(/the folder flat has no class sub-folders/);
    expect(userError(() => load({ path: 'quotes.tsv', classes: 3 }, dir))).toMatch(/dataset\.classes is 3, but quotes\.tsv has 2 classes/);
    expect(userError(() => load({ path: 'missing.tsv' }, dir))).toMatch(/the data file missing\.tsv does not exist/);
  });
});
