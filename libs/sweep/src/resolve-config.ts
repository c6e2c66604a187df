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

/** `section`: where the point's keys are written (`/grid`, or `/search/space` for a proposal), for positions. */
export function applyGridPoint(base: Patched, point: readonly GridValue[], keyOf: (path: string) => string, section = '/grid'): Patched {
  if (point.length === 0) return base;
  let value: Json = base.value;
  const positions = new Map(base.positions);
  for (const { path, value: v } of point) {
    const segments = path.split('.');
    value = setAtPath(value, segments, v);
    overlay(positions, toPointer(segments), locate(base.positions, childPointer(section, keyOf(path)), 'key'));
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

/** How many variables one resolution may go through before it starts again from the deepest (the stack is finite). */
const MAX_VAR_DEPTH = 100;

/** Thrown when a resolution reaches MAX_VAR_DEPTH: `key` is resolved first, from a fresh stack. */
class TooDeep extends Error {
  constructor(readonly key: string) {
    super(`vars.${key} is too deep to resolve here`);
  }
}

function cycleError(cycle: readonly string[], positions: PositionMap): UserError {
  return new UserError(`the variables ${cycle.map((k) => `vars.${k}`).join(', ')} refer to each other in a cycle.`, {
    at: locate(positions, childPointer('/vars', cycle[0])),
    path: `vars.${cycle[0]}`,
    hint: 'Give one of them a plain value.',
  });
}

/**
 * `vars` may refer to each other, in any order and through chains: each variable with templates is
 * resolved when it is first read (by another variable or in turn), once. A variable read while it
 * is being resolved is part of a cycle, which is an error at the first variable of the cycle.
 */
function resolveVars(vars: JsonObject, positions: PositionMap): JsonObject {
  // The scope's `vars`: plain values, and a getter for each variable still to resolve. No
  // prototype, so that `__proto__` is a name like any other.
  const scope = Object.create(null) as JsonObject;
  const open: string[] = [];
  const settle = (key: string, value: Json) => Object.defineProperty(scope, key, { value, enumerable: true, writable: true, configurable: true });
  const resolveOne = (key: string): Json => {
    if (open.includes(key)) throw cycleError(open.slice(open.indexOf(key)), positions);
    if (open.length >= MAX_VAR_DEPTH) throw new TooDeep(key);
    open.push(key);
    try {
      const value = interpolate(vars[key], { vars: scope }, { canDefer: () => true }, childPointer('/vars', key));
      settle(key, value);
      return value;
    } catch (error) {
      if (error instanceof TooDeep || error instanceof UserError) throw error;
      interpolationError(error, positions);
    } finally {
      open.pop();
    }
  };
  const pending = Object.keys(vars).filter((k) => hasTemplates(vars[k]));
  for (const key of Object.keys(vars)) settle(key, vars[key]);
  for (const key of pending) Object.defineProperty(scope, key, { get: () => resolveOne(key), enumerable: true, configurable: true });
  // Each variable in turn; when one goes too deep, the variable it stopped at first.
  const work = [...pending].reverse();
  const restarts: string[] = [];
  while (work.length > 0) {
    try {
      void scope[work[work.length - 1]];
      work.pop();
    } catch (error) {
      if (!(error instanceof TooDeep)) throw error;
      // A chain that comes back to a variable it restarted at, still unresolved, is a cycle.
      if (restarts.includes(error.key)) throw cycleError(restarts.slice(restarts.indexOf(error.key)), positions);
      restarts.push(error.key);
      work.push(error.key);
    }
  }
  return { ...scope };
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


