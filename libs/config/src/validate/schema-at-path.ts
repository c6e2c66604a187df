/**
 * Walks the experiment schema along a path, guided by the document's values where a union must
 * pick a branch (a layer's `type`, a graph item's `block`/`repeat`). Answers "which keys are valid
 * here?" for paths the document does not contain yet, e.g. a grid over `training.early_stopping.patience`.
 */
import { schemaDocuments } from '@ablate/spec';
import { isObject, type Json } from '../source/json';

type Schema = Record<string, unknown>;

function root(): Schema {
  return schemaDocuments()['experiment.schema.json'] as Schema;
}

function deref(schema: Schema, top: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const name = (s.$ref as string).replace('#/definitions/', '');
    s = ((top.definitions as Schema)[name] ?? {}) as Schema;
  }
  return s;
}

/** Picks the branch of a union that applies to `value`; undefined when it cannot be told. */
function branch(schema: Schema, value: Json | undefined, top: Schema): Schema | undefined {
  let s = deref(schema, top);
  if (s.if && s.then) {
    const required = ((s.if as Schema).required as string[] | undefined) ?? [];
    const taken = isObject(value) && required.every((k) => k in value);
    return branch((taken ? s.then : s.else) as Schema, value, top);
  }
  if (Array.isArray(s.oneOf) && s.discriminator) {
    const tag = (s.discriminator as { propertyName: string }).propertyName;
    const name = isObject(value) ? value[tag] : undefined;
    const found = (s.oneOf as Schema[]).find((b) => ((b.properties as Schema)[tag] as Schema).const === name);
    return found ? deref(found, top) : undefined;
  }
  if (Array.isArray(s.anyOf)) {
    const objects = (s.anyOf as Schema[]).map((b) => deref(b, top)).filter((b) => b.properties);
    s = objects.length === 1 ? objects[0] : s;
  }
  return s;
}

/**
 * The schema at `path` inside `value` (the document), or undefined where the schema allows any
 * value (variables, patches) or the branch cannot be told.
 */
export function schemaAtPath(value: Json | undefined, path: readonly string[]): Schema | undefined {
  const top = root();
  let schema: Schema | undefined = top;
  let node: Json | undefined = value;
  for (const segment of path) {
    const s = schema ? branch(schema, node, top) : undefined;
    if (!s) return undefined;
    const properties = s.properties as Schema | undefined;
    if (properties && segment in properties) schema = properties[segment] as Schema;
    else if (s.items && /^\d+$/.test(segment)) schema = s.items as Schema;
    else if (s.patternProperties) schema = Object.values(s.patternProperties as Schema)[0] as Schema;
    else if (s.additionalProperties && typeof s.additionalProperties === 'object') schema = s.additionalProperties as Schema;
    else return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : isObject(node) ? node[segment] : undefined;
  }
  return schema ? branch(schema, node, top) : undefined;
}

/** Valid keys of the mapping at `path`, or undefined when the schema does not fix them. */
export function keysAtPath(value: Json | undefined, path: readonly string[]): string[] | undefined {
  const s = schemaAtPath(value, path);
  if (!s || s.additionalProperties !== false || !s.properties) return undefined;
  return Object.keys(s.properties as Schema);
}
