/**
 * Folders of images, as torchvision's ImageFolder, Keras's image_dataset_from_directory and Hugging
 * Face's imagefolder keep them: one sub-folder per class (`<class>/<image>`), optionally under
 * `train/`, `val/` and `test/` folders that give the split, or a manifest (CSV with a header, or
 * JSON Lines) of `file`, `label` and optional `split` columns. PNG, JPEG, BMP, TIFF, WebP and GIF,
 * 8- or 16-bit, grey, RGB or RGBA; decoded once to uint8 (formats/decoded.ts), converted to the
 * declared `channels` and resized to the declared `size` with the `resize` step's filters. Class names are the folder names or
 * labels, sorted (numerically when all are numbers): that order is the class index.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UserError } from '@ablate/spec';
import { decodeImages } from '../formats/decoded';
import type { FileRef } from '../formats/read-file';
import type { DatasetLoader, ExampleDataset } from './dataset';
import { fileRef } from './files';

interface ImageFolderSpec {
  path: string;
  manifest?: string;
  channels?: 1 | 3 | 4;
  size?: number | [number, number];
  resize?: 'bilinear' | 'nearest' | 'area';
  classes?: number;
}

const IMAGE = /\.(png|jpe?g|bmp|tiff?|webp|gif)$/i;
const SPLITS = ['train', 'val', 'test'] as const;
type Split = (typeof SPLITS)[number];

interface Entry {
  file: FileRef;
  label: string;
  split?: Split;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const folders = (dir: string) => readdirSync(dir).filter((d) => !d.startsWith('.') && statSync(join(dir, d)).isDirectory()).sort(byName);

function classFolders(root: FileRef, dir: string, split?: Split): Entry[] {
  return folders(dir).flatMap((label) =>
    readdirSync(join(dir, label))
      .filter((f) => IMAGE.test(f))
      .sort(byName)
      .map((f) => ({ file: { path: join(dir, label, f), shown: join(root.shown, relative(root.path, join(dir, label, f))) }, label, ...(split ? { split } : {}) })),
  );
}

/** The manifest's rows: `file` (relative to the image folder), `label`, optional `split`. */
function manifestEntries(root: FileRef, manifest: FileRef, text: string): Entry[] {
  const rows: Array<Record<string, unknown>> = /\.jsonl?$/i.test(manifest.path)
    ? text.split('\n').filter((l) => l.trim() !== '').map((l, i) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          throw new UserError(`line ${i + 1} of the manifest ${manifest.shown} is not JSON.`, { hint: 'A JSON Lines manifest holds one object per line: {"file": "img/1.png", "label": "cat"}.' });
        }
      })
    : (parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, unknown>>);
  return rows.map((row, i) => {
    const name = row.file ?? row.file_name ?? row.path;
    if (typeof name !== 'string' || row.label === undefined) {
      throw new UserError(`row ${i + 1} of the manifest ${manifest.shown} has no ${typeof name !== 'string' ? '`file`' : '`label`'}.`, { hint: 'Each row names the image (`file`, relative to the image folder) and its `label`; `split` (train, val or test) is optional.' });
    }
    const split = row.split === undefined || row.split === '' ? undefined : String(row.split);
    if (split !== undefined && !(SPLITS as readonly string[]).includes(split)) {
      throw new UserError(`row ${i + 1} of the manifest ${manifest.shown} has split "${split}".`, { hint: 'A split is train, val or test.' });
    }
    return { file: { path: join(root.path, name), shown: join(root.shown, name) }, label: String(row.label), ...(split ? { split: split as Split } : {}) };
  });
}

function entries(spec: ImageFolderSpec, baseDir: string): { root: FileRef; manifest?: FileRef; list: Entry[] } {
  const root = fileRef(baseDir, spec.path);
  if (!existsSync(root.path) || !statSync(root.path).isDirectory()) {
    throw new UserError(`the image folder ${spec.path} ${existsSync(root.path) ? 'is a file, not a folder' : 'does not exist'}.`, { hint: 'Give `path:` relative to the experiment file: a folder with one sub-folder per class (optionally under train/, val/, test/).' });
  }
  if (spec.manifest !== undefined) {
    const manifest = fileRef(baseDir, spec.manifest);
    if (!existsSync(manifest.path)) throw new UserError(`the manifest ${spec.manifest} does not exist.`, { hint: 'Give `manifest:` relative to the experiment file.' });
    return { root, manifest, list: manifestEntries(root, manifest, readFileSync(manifest.path, 'utf8')) };
  }
  const top = folders(root.path);
  const splits = top.filter((d) => (SPLITS as readonly string[]).includes(d)) as Split[];
  const list = splits.length > 0 ? splits.flatMap((s) => classFolders(root, join(root.path, s), s)) : classFolders(root, root.path);
  if (list.length === 0) throw new UserError(`the image folder ${spec.path} holds no images in class sub-folders.`, { hint: 'Put the images of each class in a sub-folder named after it (PNG, JPEG, BMP, TIFF, WebP or GIF).' });
  return { root, list };
}

/** Labels sorted as names, or as numbers when every label is one. */
function classOrder(labels: readonly string[]): string[] {
  const distinct = [...new Set(labels)];
  const numeric = distinct.every((l) => l.trim() !== '' && !Number.isNaN(Number(l)));
  return numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort(byName);
}

export const imageFolder: DatasetLoader<ImageFolderSpec> = {
  type: 'image_folder',
  files(spec, ctx) {
    const { manifest, list } = entries(spec, ctx.baseDir);
    return [...(manifest ? [manifest] : []), ...list.map((e) => e.file)];
  },
  load(spec, bytes, files, digests) {
    // Labels and splits from the folders, or from the manifest's rows (`files` lists it first, then its images in row order).
    const imageFiles = spec.manifest === undefined ? files : files.slice(1);
    const list = spec.manifest === undefined ? undefined : manifestEntries(fileRef('/', '/'), files[0], (bytes.get(files[0].path) as Buffer).toString('utf8'));
    const labels = imageFiles.map((f, i) => list?.[i].label ?? f.shown.split('/').slice(-2)[0]);
    const parts = imageFiles.map((f, i) => list?.[i].split ?? (SPLITS as readonly string[]).find((s) => f.shown.split('/').slice(-3)[0] === s));
    const size = spec.size === undefined ? undefined : ((typeof spec.size === 'number' ? [spec.size, spec.size] : spec.size) as [number, number]);
    const settings = { ...(spec.channels ? { channels: spec.channels } : {}), ...(size ? { size } : {}), resize: spec.resize ?? 'bilinear' };
    // Keyed by the files' digests, the decoded cache spares reading the images at all.
    const decoded = decodeImages(imageFiles, (i) => bytes.get(imageFiles[i].path) as Buffer, settings, digests ? { digests: imageFiles.map((f) => digests.get(f.path) as string) } : {});
    const classNames = classOrder(labels);
    const y = Int32Array.from(labels, (l) => classNames.indexOf(l));
    const indices = (split: Split) => Int32Array.from(parts.flatMap((p, i) => (p === split ? [i] : [])));
    const given = parts.some((p) => p !== undefined) ? { train: indices('train'), test: indices('test'), ...(parts.includes('val') ? { val: indices('val') } : {}) } : undefined;
    const dataset: ExampleDataset = { kind: 'examples', shape: decoded.dims.slice(1), x: decoded.data as Uint8Array, y, dtype: 'float32', classes: classNames.length, classNames, files: [], ...(given ? { given } : {}) };
    return dataset;
  },
  describe: (spec) => {
    const size = spec.size === undefined ? undefined : typeof spec.size === 'number' ? [spec.size, spec.size] : spec.size;
    return { kind: 'examples', ...(spec.classes ? { classes: spec.classes } : {}), ...(size && spec.channels ? { shape: [...size, spec.channels] } : {}), dtype: 'float32' };
  },
};
