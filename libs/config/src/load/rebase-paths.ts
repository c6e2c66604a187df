/**
 * File paths in `dataset:` are written relative to the file that contains them. They are rewritten
 * relative to the root experiment's folder, so a trial's resolved config (and its id) is the same on
 * every machine that has the same checkout, whatever file the path came from.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { DATASET_PATH_FIELDS } from '@ablate/spec';
import type { SourceDoc } from '../source/document';
import { isObject, type Json } from '../source/json';
import type { LoadContext } from './load-context';

const PATH_FIELDS = new Set<string>(DATASET_PATH_FIELDS);

function rebase(value: Json, fromDir: string, rootDir: string): Json {
  if (Array.isArray(value)) return value.map((v) => rebase(v, fromDir, rootDir));
  if (!isObject(value)) return value;
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    if (PATH_FIELDS.has(key) && typeof child === 'string' && !isAbsolute(child) && !child.includes('${')) {
      const [file, member] = splitMember(child);
      const moved = relative(rootDir, resolve(fromDir, file)) || '.';
      out[key] = member === undefined ? moved : `${moved}:${member}`;
    } else {
      out[key] = rebase(child, fromDir, rootDir);
    }
  }
  return out;
}

/** `arrays.npz:x` → [`arrays.npz`, `x`]. */
function splitMember(path: string): [string, string | undefined] {
  const match = /^(.*\.npz):([^/]+)$/.exec(path);
  return match ? [match[1], match[2]] : [path, undefined];
}

export function rebaseDatasetPaths(doc: SourceDoc, kind: 'experiment' | 'model' | 'dataset', fromDir: string, ctx: LoadContext): SourceDoc {
  if (resolve(fromDir) === resolve(ctx.rootDir) || !isObject(doc.value)) return doc;
  if (kind === 'dataset') return { ...doc, value: rebase(doc.value, fromDir, ctx.rootDir) };
  if (kind === 'experiment' && doc.value.dataset !== undefined) {
    return { ...doc, value: { ...doc.value, dataset: rebase(doc.value.dataset, fromDir, ctx.rootDir) } };
  }
  return doc;
}
