/**
 * A loaded document: its JSON value and, for every node, where it was written (file, line, column),
 * so any later error — a schema error, a bad grid path, a shape mismatch — can point at the source.
 */
import type { SourceLocation } from '@ablate/spec';
import type { Json } from './json';
import { parentPointer, type Pointer } from '@ablate/spec';

export type NodeKind = 'map' | 'seq' | 'scalar';

export interface NodePosition {
  /** Where the key of this node is (absent for the root and list items). */
  key?: SourceLocation;
  /** Where the value starts. */
  value: SourceLocation;
  kind: NodeKind;
}

export type PositionMap = Map<Pointer, NodePosition>;

export interface SourceDoc {
  value: Json;
  positions: PositionMap;
  /** Every file that contributed, the root first. */
  files: string[];
  /**
   * Keys deleted by a null value (`key: null` or `key:` over a base, `--set key=null`): where that
   * null was written, so that "missing key" errors point at it rather than at the mapping.
   */
  removed?: PositionMap;
}

/** The position of a node, or of its nearest ancestor that has one. */
export function locate(positions: PositionMap, pointer: Pointer, prefer: 'key' | 'value' = 'value'): SourceLocation | undefined {
  for (let p = pointer; ; p = parentPointer(p)) {
    const pos = positions.get(p);
    if (pos) return prefer === 'key' ? (pos.key ?? pos.value) : pos.value;
    if (p === '') return undefined;
  }
}

/** Where the key at `pointer`, absent from the document, was deleted by a null value; undefined if it was not. */
export function removedAt(doc: Pick<SourceDoc, 'positions' | 'removed'>, pointer: Pointer): SourceLocation | undefined {
  if (!doc.removed || doc.positions.has(pointer)) return undefined;
  const pos = doc.removed.get(pointer);
  return pos ? (pos.key ?? pos.value) : undefined;
}

/** Positions of a subtree, re-rooted under `prefix`. */
export function prefixPositions(positions: PositionMap, prefix: Pointer): PositionMap {
  const out: PositionMap = new Map();
  for (const [pointer, pos] of positions) out.set(prefix + pointer, pos);
  return out;
}

/** Positions under `root` (inclusive), re-rooted at ''. */
export function subtreePositions(positions: PositionMap, root: Pointer): PositionMap {
  const out: PositionMap = new Map();
  for (const [pointer, pos] of positions) {
    if (pointer === root) out.set('', pos);
    else if (pointer.startsWith(root + '/')) out.set(pointer.slice(root.length), pos);
  }
  return out;
}
