/**
 * `extends:` composition. An experiment may extend other experiments; its `model:` and `dataset:`
 * sections may extend model and dataset files. Bases are merged in order, then the file itself.
 */
import { dirname, resolve } from 'node:path';
import { childPointer, fromPointer, type Pointer, UserError } from '@ablate/spec';
import { locate, prefixPositions, subtreePositions, type PositionMap, type SourceDoc } from '../source/document';
import { isObject, type Json, type JsonObject } from '../source/json';
import { mergeDocs } from '../source/merge';
import { REPLACE } from '../source/patch';
import type { LoadContext } from './load-context';
import { readSource } from './read-source';
import { rebaseDatasetPaths } from './rebase-paths';
import { takePlugins } from './plugin-refs';

/** Sections (pointers) whose `extends:` names a fragment file, and the fragment's kind. */
const FRAGMENT_SECTIONS: ReadonlyArray<[Pointer, 'model' | 'dataset']> = [
  ['/model', 'model'],
  ['/dataset', 'dataset'],
];


type Kind = 'experiment' | 'model' | 'dataset';

function valueAt(value: Json, pointer: Pointer): Json | undefined {
  let node: Json | undefined = value;
  for (const segment of fromPointer(pointer)) {
    if (!isObject(node)) return undefined;
    node = node[segment];
  }
  return node;
}

function extendsList(doc: SourceDoc, at: Pointer): { refs: string[]; pointer: Pointer } | undefined {
  const node = valueAt(doc.value, at);
  if (!isObject(node) || node.extends === undefined) return undefined;
  const pointer = childPointer(at, 'extends');
  const raw = node.extends;
  const refs = typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((r) => typeof r === 'string') ? (raw as string[]) : undefined;
  if (!refs) {
    throw new UserError('`extends` must be a file path or a list of file paths.', {
      at: locate(doc.positions, pointer),
      path: 'extends',
      hint: 'For example `extends: ./base.yaml`.',
    });
  }
  return { refs, pointer };
}

function withoutExtends(doc: SourceDoc, at: Pointer): SourceDoc {
  const sub = valueAt(doc.value, at);
  if (!isObject(sub)) return doc;
  const { extends: _dropped, ...rest } = sub;
  void _dropped;
  const value = at === '' ? rest : replaceAt(doc.value, at, rest);
  // `extends` is a path or a list of paths (checked by extendsList): its positions are these.
  const positions = new Map(doc.positions);
  const pointer = childPointer(at, 'extends');
  positions.delete(pointer);
  if (Array.isArray(sub.extends)) sub.extends.forEach((_, i) => positions.delete(childPointer(pointer, i)));
  return { ...doc, value, positions };
}

function replaceAt(root: Json, pointer: Pointer, replacement: Json): Json {
  const [head, ...rest] = fromPointer(pointer);
  if (head === undefined || !isObject(root)) return replacement;
  return { ...root, [head]: rest.length === 0 ? replacement : replaceAt(root[head] as Json, '/' + rest.join('/'), replacement) };
}

/** Loads `file` as a document of `kind`, resolving every `extends:` beneath it. */
export function loadWithExtends(file: string, kind: Kind, ctx: LoadContext, stack: string[], referencedAt?: ReturnType<typeof locate>): SourceDoc {
  const cycleStart = stack.indexOf(file);
  if (cycleStart >= 0) {
    const chain = [...stack.slice(cycleStart), file].map(ctx.display).join(' -> ');
    throw new UserError(`\`extends\` cycle: ${chain}.`, {
      at: referencedAt,
      hint: 'A file cannot extend itself, directly or through other files; remove one of these `extends`.',
    });
  }
  let doc = readSource(file, ctx.display(file), referencedAt);
  if (doc.value === null) {
    throw new UserError(`the file ${ctx.display(file)} is empty.`, {
      at: { file: ctx.display(file), line: 1, col: 1 },
      hint: kind === 'experiment' ? 'An experiment needs at least dataset, model, optimizer and training.' : `A ${kind} file holds one ${kind} mapping.`,
    });
  }
  if (!isObject(doc.value)) {
    throw new UserError(`the top level of ${ctx.display(file)} must be a mapping of keys to values.`, {
      at: doc.positions.get('')?.value,
      hint: 'Start the file with keys such as `dataset:` and `model:`, not with a list or a bare value.',
    });
  }
  doc = rebaseDatasetPaths(doc, kind, dirname(file), ctx);
  doc = takePlugins(doc, '', dirname(file), ctx);
  if (kind === 'experiment') doc = takePlugins(doc, '/model', dirname(file), ctx);
  const nextStack = [...stack, file];

  // This file's own sections first (a model or dataset may name a fragment file) ...
  if (kind === 'experiment') {
    for (const [section, fragmentKind] of FRAGMENT_SECTIONS) {
      doc = resolveAt(doc, section, fragmentKind, file, ctx, nextStack);
    }
    doc = resolveVariantFragments(doc, file, ctx, nextStack);
  }
  // ... then its bases, under it.
  return resolveAt(doc, '', kind, file, ctx, nextStack);
}

function resolveAt(doc: SourceDoc, at: Pointer, kind: Kind, file: string, ctx: LoadContext, stack: string[]): SourceDoc {
  const found = extendsList(doc, at);
  if (!found) return doc;
  let merged: SourceDoc | undefined;
  found.refs.forEach((ref, i) => {
    const refPointer = Array.isArray(valueAt(doc.value, found.pointer)) ? childPointer(found.pointer, i) : found.pointer;
    const target = resolve(dirname(file), ref);
    const base = loadWithExtends(target, kind, ctx, stack, locate(doc.positions, refPointer));
    merged = merged ? mergeDocs(merged, base) : base;
  });
  const own = withoutExtends(doc, at);
  if (at === '') return mergeDocs(merged as SourceDoc, own);
  const section: SourceDoc = {
    value: valueAt(own.value, at) ?? {},
    positions: subtreePositions(own.positions, at),
    removed: own.removed && subtreePositions(own.removed, at),
    files: own.files,
  };
  const combined = mergeDocs(merged as SourceDoc, section);
  const outside = (map: PositionMap | undefined) => new Map([...(map ?? [])].filter(([p]) => p !== at && !p.startsWith(at + '/')));
  const positions = outside(own.positions);
  for (const [p, pos] of prefixPositions(combined.positions, at)) positions.set(p, pos);
  const removed = outside(own.removed);
  for (const [p, pos] of prefixPositions(combined.removed ?? new Map(), at)) removed.set(p, pos);
  return {
    value: replaceAt(own.value, at, combined.value),
    positions,
    removed,
    files: [...own.files, ...combined.files.filter((f) => !own.files.includes(f))],
  };
}

/**
 * A variant that sets `model: {extends: ./models/x.yaml}` (or `dataset:`) replaces that section by
 * the file — a comparison study swaps whole models. The fragment is marked `$replace` so the patch
 * is not merged into the base's section.
 */
function resolveVariantFragments(doc: SourceDoc, file: string, ctx: LoadContext, stack: string[]): SourceDoc {
  const variants = valueAt(doc.value, '/variants');
  if (!isObject(variants)) return doc;
  let out = doc;
  for (const [name, patch] of Object.entries(variants)) {
    if (!isObject(patch)) continue;
    for (const [section, kind] of FRAGMENT_SECTIONS) {
      const key = section.slice(1);
      const at = childPointer(childPointer('/variants', name), key);
      const found = extendsList(out, at);
      if (!found) continue;
      out = resolveAt(out, at, kind, file, ctx, stack);
      const resolved = valueAt(out.value, at) as JsonObject;
      out = { ...out, value: replaceAt(out.value, at, { ...resolved, [REPLACE]: true }) };
    }
  }
  return out;
}
