/**
 * Deep merge of two documents: mappings merge key by key, anything else (lists included) is
 * replaced, and `null` deletes the key. Positions follow the value that won.
 */
import type { PositionMap, SourceDoc } from './document';
import { isObject, type Json } from './json';
import { mergeValue } from './patch';
import { childPointer, type Pointer } from '@ablate/spec';

function dropSubtree(positions: PositionMap, pointer: Pointer): void {
  for (const p of [...positions.keys()]) if (p === pointer || p.startsWith(pointer + '/')) positions.delete(p);
}

function mergePositions(out: PositionMap, base: Json | undefined, over: Json, overPositions: PositionMap, pointer: Pointer): void {
  const position = overPositions.get(pointer);
  if (!isObject(base) || !isObject(over)) {
    dropSubtree(out, pointer);
    if (over === null) return;
    for (const [p, pos] of overPositions) if (p === pointer || p.startsWith(pointer + '/')) out.set(p, pos);
    return;
  }
  if (position) out.set(pointer, position);
  for (const [key, value] of Object.entries(over)) {
    const child = childPointer(pointer, key);
    if (value === null) dropSubtree(out, child);
    else mergePositions(out, base[key], value, overPositions, child);
  }
}

/** `over` on top of `base`. Both keep their own positions; the result is a new document. */
export function mergeDocs(base: SourceDoc, over: SourceDoc): SourceDoc {
  const positions = new Map(base.positions);
  mergePositions(positions, base.value, over.value, over.positions, '');
  const files = [...over.files, ...base.files.filter((f) => !over.files.includes(f))];
  return { value: mergeValue(base.value, over.value), positions, files };
}
