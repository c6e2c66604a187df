/**
 * The JSON Schema files under `schemas/`, generated from the TypeBox definitions.
 * Shared subschemas (graph items, layers, initialisers, padding) are factored into `definitions`
 * so the files stay readable and editors resolve them once.
 */
import type { TSchema } from '@sinclair/typebox';
import { extendSchema, extensionsKey } from '../registry/extensions';
import { DatasetSchema } from './dataset';
import { ExperimentSchema } from './experiment';
import { InitializerSchema } from './initializers';
import { PADDING } from './layers/options';
import { GraphItemSchema, LayerSchema, ModelSchema } from './model';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SHARED: Record<string, TSchema> = {
  graph_item: GraphItemSchema,
  layer: LayerSchema,
  initializer: InitializerSchema,
  padding: PADDING,
};

/** The schema as JSON, with the plug-ins' components in its unions. */
function plain(schema: TSchema): Json {
  return extendSchema(JSON.parse(JSON.stringify(schema)) as Json);
}

/** Replaces subtrees equal to a shared schema by a $ref. Works bottom-up so each node is serialised once. */
function factor(node: Json, shared: Map<string, string>, skip: string | undefined): Json {
  return factorNode(node, shared, skip)[0];
}

function factorNode(node: Json, shared: Map<string, string>, skip: string | undefined): [Json, string] {
  if (node === null || typeof node !== 'object') return [node, JSON.stringify(node)];
  let out: Json;
  let text: string;
  if (Array.isArray(node)) {
    const children = node.map((child) => factorNode(child, shared, undefined));
    out = children.map(([c]) => c);
    text = `[${children.map(([, t]) => t).join(',')}]`;
  } else {
    const entries = Object.entries(node).map(([key, value]) => [key, ...factorNode(value, shared, undefined)] as const);
    out = Object.fromEntries(entries.map(([key, value]) => [key, value]));
    text = `{${entries.map(([key, , t]) => `${JSON.stringify(key)}:${t}`).join(',')}}`;
  }
  const name = shared.get(text);
  return name !== undefined && name !== skip ? [{ $ref: `#/definitions/${name}` }, text] : [out, text];
}

function document(root: TSchema, file: string): Json {
  const shared = new Map(Object.entries(SHARED).map(([name, schema]) => [JSON.stringify(plain(schema)), name]));
  const body = factor(plain(root), shared, undefined) as { [key: string]: Json };
  const definitions: { [key: string]: Json } = {};
  for (const [name, schema] of Object.entries(SHARED)) {
    const text = JSON.stringify(body);
    if (text.includes(`#/definitions/${name}"`) || Object.values(definitions).some((d) => JSON.stringify(d).includes(`#/definitions/${name}"`))) {
      definitions[name] = factor(plain(schema), shared, name);
    }
  }
  // A definition may itself refer to one found only inside another definition: close the set.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, schema] of Object.entries(SHARED)) {
      if (definitions[name] === undefined && JSON.stringify(definitions).includes(`#/definitions/${name}"`)) {
        definitions[name] = factor(plain(schema), shared, name);
        changed = true;
      }
    }
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `Generated from libs/spec by \`npm run schema\`; do not edit. File: schemas/${file}`,
    ...body,
    definitions,
  };
}

/** The schemas behind each document, before factoring: hashing these tells whether a compiled validator is stale. */
export const SCHEMA_SOURCES = {
  experiment: ExperimentSchema,
  model: ModelSchema,
  dataset: DatasetSchema,
  layer: LayerSchema,
} as const;

const documents = new Map<string, Record<string, Json>>();

/** File name under `schemas/` → schema document (built once per set of plug-in components). */
export function schemaDocuments(): Record<string, Json> {
  const key = extensionsKey();
  let built = documents.get(key);
  if (!built) {
    built = {
      'experiment.schema.json': document(ExperimentSchema, 'experiment.schema.json'),
      'model.schema.json': document(ModelSchema, 'model.schema.json'),
      'dataset.schema.json': document(DatasetSchema, 'dataset.schema.json'),
      'layer.schema.json': document(LayerSchema, 'layer.schema.json'),
    };
    documents.set(key, built);
  }
  return built;
}
