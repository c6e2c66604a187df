/**
 * `--set path=value` on the command line: `training.epochs=5`, `vars.bn=false`,
 * `optimizer={type: sgd, lr: 0.1}`. The value is read as YAML, so types come out right; `null`
 * removes the key (as in `extends` merging).
 */
import { parse } from 'yaml';
import { type SourceLocation, toPointer, UserError } from '@ablate/spec';
import type { SourceDoc } from '../source/document';
import { isObject, type Json } from '../source/json';

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export interface Override {
  path: string[];
  value: Json;
  at: SourceLocation;
}

export function parseOverride(text: string): Override {
  const at: SourceLocation = { file: `--set ${text}`, line: 0, col: 0 };
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || !PATH.test(path)) {
    throw new UserError(`cannot read the override "${text}".`, {
      at,
      hint: 'Write --set dotted.path=value, e.g. --set training.epochs=5 or --set vars.bn=false.',
    });
  }
  let value: Json;
  try {
    value = (parse(text.slice(eq + 1)) ?? null) as Json;
  } catch (error) {
    throw new UserError(`the value of --set ${path} is not valid YAML (${(error as Error).message.split('\n')[0]}).`, {
      at,
      hint: 'Quote strings with special characters; lists are written [a, b] and mappings {k: v}.',
    });
  }
  return { path: path.split('.'), value, at };
}

/** Applies overrides in order; intermediate mappings are created as needed. */
export function applyOverrides(doc: SourceDoc, overrides: readonly Override[]): SourceDoc {
  if (overrides.length === 0) return doc;
  const value = structuredClone(doc.value);
  const positions = new Map(doc.positions);
  for (const { path, value: replacement, at } of overrides) {
    let node: Json = value;
    for (const [i, segment] of path.slice(0, -1).entries()) {
      const next: Json | undefined = Array.isArray(node) ? node[Number(segment)] : isObject(node) ? node[segment] : undefined;
      if (next === undefined || next === null) {
        if (!isObject(node)) throw badTarget(path, i, at);
        node[segment] = {};
        node = node[segment];
      } else {
        node = next;
      }
    }
    const last = path[path.length - 1];
    if (Array.isArray(node) && /^\d+$/.test(last) && Number(last) < node.length) node[Number(last)] = replacement;
    else if (isObject(node) && replacement === null) delete node[last];
    else if (isObject(node)) node[last] = replacement;
    else throw badTarget(path, path.length - 1, at);
    const pointer = toPointer(path);
    for (const p of [...positions.keys()]) if (p.startsWith(pointer + '/')) positions.delete(p);
    positions.set(pointer, { value: at, key: at, kind: 'scalar' });
  }
  return { ...doc, value, positions };
}

function badTarget(path: string[], depth: number, at: SourceLocation): UserError {
  return new UserError(`--set ${path.join('.')}: ${path.slice(0, depth).join('.') || 'the experiment'} is not a mapping or list that can hold "${path[depth]}".`, {
    at,
    hint: 'Check the path against the experiment file; list items are addressed by index, e.g. model.layers.0.filters.',
  });
}
