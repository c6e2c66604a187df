/**
 * Deep merge of two documents: mappings merge key by key, anything else (lists included) is
 * replaced, and `null` deletes the key. Positions follow the value that won.
 *
 * Linear: `over`'s positions are taken whole, and only the part of `over` that overlaps `base` is
 * walked, to find where it replaces or deletes a subtree of `base` (a "cut"); `base`'s positions
 * under a cut are dropped in one pass.
 */
import type { NodePosition, PositionMap, SourceDoc } from './document';
import { isObject, type Json } from './json';
import { mergeValue } from './patch';
import { childPointer, parentPointer, type Pointer } from '@ablate/spec';

interface Walk {
  over: PositionMap;
  /** Pointers where `over` replaces or deletes a subtree that `base` has. */
  cuts: Set<Pointer>;
  /** Keys deleted by a null in `over`, with the null's position. */
  deleted: Array<[Pointer, NodePosition]>;
}

/** Called where both `base` and `over` are mappings. */
function walkMerge(walk: Walk, base: Record<string, Json>, over: Record<string, Json>, pointer: Pointer): void {
  for (const key of Object.keys(over)) {
    const value = over[key];
    if (value === null) {
      const child = childPointer(pointer, key);
      walk.cuts.add(child);
      const at = walk.over.get(child);
      if (at) walk.deleted.push([child, at]);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(base, key)) continue; // nothing of base's to drop
    const below = base[key];
    if (isObject(below) && isObject(value)) walkMerge(walk, below, value, childPointer(pointer, key));
    else walk.cuts.add(childPointer(pointer, key));
  }
}

function underCut(pointer: Pointer, cuts: ReadonlySet<Pointer>): boolean {
  for (let p = pointer; ; p = parentPointer(p)) {
    if (cuts.has(p)) return true;
    if (p === '') return false;
  }
}

/** `over` on top of `base`. Both keep their own positions; the result is a new document. */
export function mergeDocs(base: SourceDoc, over: SourceDoc): SourceDoc {
  const walk: Walk = { over: over.positions, cuts: new Set(), deleted: [] };
  if (isObject(base.value) && isObject(over.value)) walkMerge(walk, base.value, over.value, '');
  else walk.cuts.add('');
  const positions: PositionMap = new Map(over.positions);
  for (const [p] of walk.deleted) positions.delete(p);
  for (const [p, pos] of base.positions) if (!positions.has(p) && !(walk.cuts.size > 0 && underCut(p, walk.cuts))) positions.set(p, pos);
  // A deleted key that a value now fills again is no longer "removed".
  const removed: PositionMap = new Map();
  for (const [p, pos] of base.removed ?? []) if (!positions.has(p) && !(walk.cuts.size > 0 && underCut(p, walk.cuts))) removed.set(p, pos);
  for (const [p, pos] of over.removed ?? []) if (!positions.has(p)) removed.set(p, pos);
  for (const [p, pos] of walk.deleted) removed.set(p, pos);
  const files = [...over.files, ...base.files.filter((f) => !over.files.includes(f))];
  return { value: mergeValue(base.value, over.value), positions, files, removed };
}
