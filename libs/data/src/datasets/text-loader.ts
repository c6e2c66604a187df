/**
 * Labelled texts, from a CSV/TSV table or from a folder with one sub-folder per class (one text
 * per file, the sub-folder's name is the label), with an optional separate test table or folder.
 * Loading reads the texts only: they are tokenised per trial (text/encode-texts.ts), once the
 * split says which texts may build the vocabulary.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '@ablate/spec';
import { corrupt, type FileRef } from '../formats/read-file';
import { defaultDelimiter, readTextTable } from '../formats/text-table';
import { checkClasses, distinctLabels, indexLabels } from './class-ids';
import type { DatasetLoader, FileBytes, TextDataset } from './dataset';
import { fileRef } from './files';
import { vectorsDim } from '../text/word-vectors';

function checkVectorsDim(bytes: Buffer, file: FileRef, dim: number): void {
  const found = vectorsDim(bytes, file);
  if (found !== dim) throw corrupt(file, `its vectors have ${found} numbers, and \`vectors.dim\` says ${dim}.`, `Set \`vectors: { dim: ${found} }\` (and the embedding's \`dim\`, or write it as \`\${data.vectors_dim}\`).`);
}

export interface TextSpec {
  path: string;
  test_path?: string;
  text_column?: string | number;
  label_column?: string | number | null;
  delimiter?: string;
  header?: boolean;
  length: number;
  lowercase?: boolean;
  max_vocab?: number;
  min_count?: number;
  vectors?: { file: string; dim: number };
  classes?: number;
}

export const DEFAULT_MAX_VOCAB = 20000;

/** A file of a text dataset: which part it belongs to and, in a class folder, its label. */
interface TextFile extends FileRef {
  part: 'train' | 'test' | 'vectors';
  label?: string;
}

const visible = (name: string) => !name.startsWith('.');

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A table is one file; a folder gives every visible file of each visible sub-folder, sorted. */
function listPart(baseDir: string, path: string, part: TextFile['part']): TextFile[] {
  const root = fileRef(baseDir, path);
  if (!isFolder(root.path)) return [{ ...root, part }];
  const classes = readdirSync(root.path).filter((name) => visible(name) && isFolder(join(root.path, name))).sort();
  if (classes.length === 0) {
    throw new UserError(`the folder ${root.shown} has no class sub-folders.`, { hint: 'Put the texts of each class in a sub-folder named after the class (e.g. acq/0001.txt, crude/0002.txt), or give a CSV/TSV file.' });
  }
  return classes.flatMap((label) => {
    const folder = join(root.path, label);
    const names = readdirSync(folder).filter((name) => visible(name) && statSync(join(folder, name)).isFile()).sort();
    if (names.length === 0) throw new UserError(`the class folder ${join(root.shown, label)} holds no files.`, { hint: 'Put one text per file in it, or remove it.' });
    return names.map((name) => ({ shown: join(root.shown, label, name), path: join(folder, name), part, label }));
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decode(bytes: Buffer, file: FileRef): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw corrupt(file, 'it is not valid UTF-8 text.', 'Save the texts as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).');
  }
}

/** Labels of texts that have none: no class (-1), as the labels of unlabelled pixels are. */
const UNLABELLED = '';

function readPart(spec: TextSpec, files: TextFile[], bytes: FileBytes): { texts: string[]; labels: string[] } {
  if (files.length === 1 && files[0].label === undefined && /\.txt$/i.test(files[0].path)) {
    // One text per line, no labels.
    const texts = decode(bytes.get(files[0].path) as Buffer, files[0]).split(/\r?\n/).filter((line) => line.trim() !== '');
    return { texts, labels: texts.map(() => UNLABELLED) };
  }
  if (files.length === 1 && files[0].label === undefined && spec.label_column === null) {
    const file = files[0];
    const { texts } = readTextTable(decode(bytes.get(file.path) as Buffer, file), file, {
      textColumn: spec.text_column ?? 'text',
      labelColumn: null,
      delimiter: spec.delimiter ?? defaultDelimiter(file.path),
      header: spec.header ?? true,
    });
    return { texts, labels: texts.map(() => UNLABELLED) };
  }
  if (files.length === 1 && files[0].label === undefined) {
    const file = files[0];
    return readTextTable(decode(bytes.get(file.path) as Buffer, file), file, {
      textColumn: spec.text_column ?? 'text',
      labelColumn: spec.label_column ?? 'label',
      delimiter: spec.delimiter ?? defaultDelimiter(file.path),
      header: spec.header ?? true,
    });
  }
  return { texts: files.map((f) => decode(bytes.get(f.path) as Buffer, f)), labels: files.map((f) => f.label as string) };
}

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

export const text: DatasetLoader<TextSpec> = {
  type: 'text',
  files: (spec, ctx) => [
    ...listPart(ctx.baseDir, spec.path, 'train'),
    ...(spec.test_path !== undefined ? listPart(ctx.baseDir, spec.test_path, 'test') : []),
    ...(spec.vectors ? [{ ...fileRef(ctx.baseDir, spec.vectors.file), part: 'vectors' as const }] : []),
  ],
  load(spec, bytes, files) {
    const all = files as TextFile[];
    const train = readPart(spec, all.filter((f) => f.part === 'train'), bytes);
    const testFiles = all.filter((f) => f.part === 'test');
    const test = testFiles.length ? readPart(spec, testFiles, bytes) : undefined;
    const labels = [...train.labels, ...(test?.labels ?? [])];
    const order = distinctLabels(labels.filter((l) => l !== UNLABELLED));
    checkClasses(spec.classes, order.length, spec.test_path !== undefined ? `${spec.path} with ${spec.test_path}` : spec.path);
    const n = labels.length;
    const vectors = all.find((f) => f.part === 'vectors');
    if (vectors && spec.vectors) checkVectorsDim(bytes.get(vectors.path) as Buffer, vectors, spec.vectors.dim);
    const dataset: TextDataset = {
      kind: 'text',
      texts: [...train.texts, ...(test?.texts ?? [])],
      y: indexLabels(labels, order),
      classes: order.length,
      classNames: order.map(String),
      files: [],
      ...(test ? { given: { train: range(0, train.texts.length), test: range(train.texts.length, n) } } : {}),
      ...(vectors ? { vectors: { bytes: bytes.get(vectors.path) as Buffer, file: vectors } } : {}),
    };
    return dataset;
  },
  describe: (spec) => ({ kind: 'text', classes: spec.classes, shape: [spec.length], dtype: 'int32', vocab_size: (spec.max_vocab ?? DEFAULT_MAX_VOCAB) + 2, ...(spec.vectors ? { vectors_dim: spec.vectors.dim } : {}) }),
};
