/**
 * One trial's config: the base, then the variant's patch, then the grid point, then `${vars.*}`
 * substituted everywhere. Expressions inside `model:` that need more than `vars` (block parameters,
 * `data.classes`) are left for the model compiler. Positions follow the patches, so an error in a
 * patched value points at the variant or grid key that set it.
 */
import { childPointer, displayPath, toPointer, UserError, type SourceLocation } from '@ablate/spec';
import {
  hasTemplates,
  interpolate,
  InterpolationError,
  isObject,
  locate,
  patchAssignments,
  setAtPath,
  type Json,
  type JsonObject,
  type PositionMap,
} from '@ablate/config';
import type { GridValue } from './trial';

export interface Patched {
  value: JsonObject;
  /** Positions of the base, overridden where a patch wrote. */
  positions: PositionMap;
}

export function applyVariant(base: Patched, name: string, patch: JsonObject): Patched {
  let value: Json = base.value;
  const positions = new Map(base.positions);
  const variantAt = childPointer('/variants', name);
  for (const { key, path, value: v, source } of patchAssignments(value, patch)) {
    value = setAtPath(value, path, v);
    overlay(positions, toPointer(path), locate(base.positions, childPointer(variantAt, key), 'key'));
    // Nodes inside the patched value keep their own positions (e.g. the layers of a variant's model file).
    const from = toPointer(['variants', name, ...source]);
    const to = toPointer(path);
    for (const [p, pos] of base.positions) if (p.startsWith(from + '/')) positions.set(to + p.slice(from.length), pos);
  }
  return { value: value as JsonObject, positions };
}

export function applyGridPoint(base: Patched, point: readonly GridValue[], keyOf: (path: string) => string): Patched {
  if (point.length === 0) return base;
  let value: Json = base.value;
  const positions = new Map(base.positions);
  for (const { path, value: v } of point) {
    const segments = path.split('.');
    value = setAtPath(value, segments, v);
    overlay(positions, toPointer(segments), locate(base.positions, childPointer('/grid', keyOf(path)), 'key'));
  }
  return { value: value as JsonObject, positions };
}

function overlay(positions: PositionMap, pointer: string, at: SourceLocation | undefined): void {
  const kind = positions.get(pointer)?.kind;
  if (kind === 'map' || kind === 'seq') for (const p of [...positions.keys()]) if (p.startsWith(pointer + '/')) positions.delete(p);
  if (at) positions.set(pointer, { value: at, key: at, kind: 'scalar' });
}

function interpolationError(error: unknown, positions: PositionMap): never {
  if (error instanceof InterpolationError) {
    throw new UserError(error.message, { at: locate(positions, error.pointer), path: displayPath(error.pointer), hint: error.hint });
  }
  throw error;
}

/** `vars` may refer to each other; resolve them in passes until none is left (a cycle is an error). */
function resolveVars(vars: JsonObject, positions: PositionMap): JsonObject {
  let current = vars;
  for (let pass = 0; pass <= Object.keys(vars).length; pass++) {
    const pending = Object.keys(current).filter((k) => hasTemplates(current[k]));
    if (pending.length === 0) return current;
    const ready: JsonObject = Object.fromEntries(Object.entries(current).filter(([k]) => !pending.includes(k)));
    const next: JsonObject = { ...current };
    for (const key of pending) {
      try {
        next[key] = interpolate(current[key], { vars: ready }, { canDefer: () => true }, childPointer('/vars', key));
      } catch (error) {
        interpolationError(error, positions);
      }
    }
    current = next;
  }
  const cyclic = Object.keys(current).filter((k) => hasTemplates(current[k]));
  throw new UserError(`the variables ${cyclic.map((k) => `vars.${k}`).join(', ')} refer to each other in a cycle.`, {
    at: locate(positions, childPointer('/vars', cyclic[0])),
    path: `vars.${cyclic[0]}`,
    hint: 'Give one of them a plain value.',
  });
}

export function resolveTemplates(patched: Patched): JsonObject {
  const { value, positions } = patched;
  const vars = isObject(value.vars) ? resolveVars(value.vars, positions) : {};
  const scope = { vars };
  const out: JsonObject = {};
  for (const [key, section] of Object.entries(value)) {
    if (key === 'vars') {
      out.vars = vars;
      continue;
    }
    try {
      out[key] = interpolate(section, scope, { canDefer: (pointer) => pointer.startsWith('/model') }, `/${key}`);
    } catch (error) {
      interpolationError(error, positions);
    }
  }
  return out;
}


