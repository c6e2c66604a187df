/**
 * Patches: what `variants:` and `grid:` do to the base experiment. A patch maps dotted paths
 * (`optimizer.lr`, `model.layers.3.filters`) to values; a mapping value merges into the mapping
 * at that path, anything else replaces it, and `null` deletes it. Untouched subtrees are shared.
 */
import { isObject, type Json, type JsonObject } from './json';

export type PathSegments = readonly string[];

export function mergeValue(base: Json | undefined, over: Json): Json {
  if (!isObject(base) || !isObject(over)) return over;
  const out: JsonObject = { ...base };
  for (const key of Object.keys(over)) {
    const value = over[key];
    if (value === null) {
      delete out[key];
      continue;
    }
    const merged = Object.prototype.hasOwnProperty.call(base, key) ? mergeValue(base[key], value) : value;
    if (key === '__proto__') Object.defineProperty(out, key, { value: merged, writable: true, enumerable: true, configurable: true });
    else out[key] = merged;
  }
  return out;
}

/** A copy of `root` with `value` merged at `path` (path copying: only the nodes on the path are new). */
export function setAtPath(root: Json, path: PathSegments, value: Json): Json {
  if (path.length === 0) return mergeValue(root, value);
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const index = Number(head);
    const out = root.slice();
    out[index] = setAtPath(root[index], rest, value);
    return out;
  }
  const object: JsonObject = isObject(root) ? root : {};
  const out: JsonObject = { ...object };
  if (rest.length === 0 && value === null) delete out[head];
  else out[head] = setAtPath(object[head] ?? null, rest, value);
  return out;
}

export function getAtPath(root: Json, path: PathSegments): Json | undefined {
  let node: Json | undefined = root;
  for (const segment of path) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

export interface PathProblem {
  /** How many segments are fine. */
  depth: number;
  message: string;
  candidates: string[];
}

/** Which keys may a mapping at this path have? Undefined: any (or unknown). */
export type KeysAt = (path: PathSegments) => string[] | undefined;

/**
 * Can `path` be patched in `base`? Each key must be in the base or allowed there by the schema
 * (`keysAt`), so a grid may set an optional field the base leaves out; list items are addressed by
 * index; under `vars` only declared names may be set.
 */
export function checkPatchPath(base: Json, path: PathSegments, keysAt: KeysAt = () => undefined): PathProblem | undefined {
  let node: Json | undefined = base;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const where = i === 0 ? 'the experiment' : `\`${path.slice(0, i).join('.')}\``;
    if (Array.isArray(node)) {
      const index = Number(segment);
      if (!/^\d+$/.test(segment) || index >= node.length) {
        return { depth: i, message: `${where} is a list of ${node.length} items; "${segment}" is not an index in it.`, candidates: [] };
      }
      node = node[index];
      continue;
    }
    if (node !== undefined && !isObject(node)) {
      return { depth: i, message: `${where} is ${JSON.stringify(node)}, not a mapping.`, candidates: [] };
    }
    const present: string[] = node === undefined ? [] : Object.keys(node);
    if (i === 1 && path[0] === 'vars') {
      if (!present.includes(segment)) return { depth: i, message: `\`vars.${segment}\` is not declared under \`vars:\`.`, candidates: present };
    } else if (!present.includes(segment)) {
      const allowed = keysAt(path.slice(0, i));
      if (allowed !== undefined && !allowed.includes(segment)) {
        return { depth: i, message: `${where} has no \`${segment}\`.`, candidates: [...new Set([...allowed, ...present])] };
      }
    }
    node = node === undefined ? undefined : node[segment];
  }
  return undefined;
}

/** A patch value marked with this key replaces the section instead of merging into it (a variant's model file). */
export const REPLACE = '$replace';

/**
 * The dotted leaf paths a patch assigns, descending into mappings that merge into mappings of the
 * base. `source` is the pointer, under the patch, of each assigned value (for positions).
 */
export function patchAssignments(base: Json, patch: JsonObject, prefix: string[] = [], sourcePrefix: string[] = []): Array<{ key: string; path: string[]; value: Json; source: string[] }> {
  const out: Array<{ key: string; path: string[]; value: Json; source: string[] }> = [];
  for (const [key, value] of Object.entries(patch)) {
    const path = [...prefix, ...key.split('.')];
    const source = [...sourcePrefix, key];
    const target = getAtPath(base, path);
    if (isObject(value) && value[REPLACE] === true) {
      const { [REPLACE]: _marker, ...replacement } = value;
      void _marker;
      out.push({ key, path, value: null, source }, { key, path, value: replacement, source });
    } else if (isObject(value) && isObject(target)) {
      for (const inner of patchAssignments(base, value, path, source)) out.push({ ...inner, key });
    } else {
      out.push({ key, path, value, source });
    }
  }
  return out;
}
