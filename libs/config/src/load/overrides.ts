/**
 * `--set path=value` on the command line: `training.epochs=5`, `vars.bn=false`,
 * `optimizer={type: sgd, lr: 0.1}`. The value is read as YAML, so types come out right; `null`
 * removes the key (as in `extends` merging).
 */
import { type SourceLocation, toPointer, UserError, UserErrors } from '@ablate/spec';
import type { NodePosition, SourceDoc } from '../source/document';
import { isObject, type Json } from '../source/json';
import { parseYaml } from '../source/parse-yaml';

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
    // Read like an experiment file: the same tags, aliases and duplicate keys are refused.
    value = parseYaml(text.slice(eq + 1), at.file).value;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const first = error instanceof UserErrors ? error.errors[0] : error;
    throw new UserError(`the value of --set ${path} is not valid YAML (${first.message.replace(/\.$/, '')}).`, {
      at,
      hint: 'Quote strings with special characters; lists are written [a, b] and mappings {k: v}.',
    });
  }
  return { path: path.split('.'), value, at };
}

/**
 * Applies overrides in order; intermediate mappings are created as needed. Everything an override
 * sets or creates is positioned at the `--set` argument, so an error about it names the argument.
 */
export function applyOverrides(doc: SourceDoc, overrides: readonly Override[]): SourceDoc {
  if (overrides.length === 0) return doc;
  const value = structuredClone(doc.value);
  const positions = new Map(doc.positions);
  const removed = new Map(doc.removed ?? []);
  for (const { path, value: replacement, at } of overrides) {
    let node: Json = value;
    for (const [i, segment] of path.slice(0, -1).entries()) {
      const next: Json | undefined = Array.isArray(node) ? node[Number(segment)] : isObject(node) ? node[segment] : undefined;
      if (next === undefined || next === null) {
        if (!isObject(node)) throw badTarget(path, i, at);
        node[segment] = {};
        node = node[segment];
        positions.set(toPointer(path.slice(0, i + 1)), { value: at, key: at, kind: 'map' });
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
    const position: NodePosition = { value: at, key: at, kind: isObject(replacement) ? 'map' : Array.isArray(replacement) ? 'seq' : 'scalar' };
    if (replacement === null && !Array.isArray(node)) {
      positions.delete(pointer);
      removed.set(pointer, position);
    } else {
      positions.set(pointer, position);
      removed.delete(pointer);
    }
  }
  return { ...doc, value, positions, removed };
}

function badTarget(path: string[], depth: number, at: SourceLocation): UserError {
  return new UserError(`--set ${path.join('.')}: ${path.slice(0, depth).join('.') || 'the experiment'} is not a mapping or list that can hold "${path[depth]}".`, {
    at,
    hint: 'Check the path against the experiment file; list items are addressed by index, e.g. model.layers.0.filters.',
  });
}
