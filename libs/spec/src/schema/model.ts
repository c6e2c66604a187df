/**
 * The `model:` section: a graph of layers, written as a list (sequential by default, a DAG where
 * items name their `inputs:`), with reusable parameterised blocks and blocks repeated from a table.
 */
import { Type } from '@sinclair/typebox';
import { LAYER_CATALOG } from './layers/catalog';
import { LAYER_COMMON } from './layers/options';
import { anyValue, choice, closed, int, intList, oneOrMany, text } from './primitives';
import { taggedUnion } from './tagged-union';

export const IDENTIFIER_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';

export const LayerSchema = taggedUnion('layer', LAYER_CATALOG, LAYER_COMMON);

export const BlockCallSchema = closed(
  {
    block: text({ description: 'Name of a block defined under `model.blocks`.' }),
    with: Type.Optional(Type.Record(Type.String({ pattern: IDENTIFIER_PATTERN }), anyValue(), { description: 'Block parameters.' })),
    ...LAYER_COMMON,
  },
  { title: 'block call', description: 'Inserts a parameterised block.' },
);

export const RepeatSchema = closed(
  {
    repeat: Type.Unsafe<number | unknown[]>({
      type: ['integer', 'array', 'string'],
      minimum: 0,
      pattern: '^\\$\\{.+\\}$',
      description: 'A count, or a table: one row per repetition (a list of values named by `as`, or a map).',
    }),
    as: Type.Optional(
      oneOrMany(Type.String({ pattern: IDENTIFIER_PATTERN }), { description: 'Names bound to the columns of each row.' }),
    ),
    times: Type.Optional(int({ minimum: 0, description: 'Repeat each row this many times (inner index `i`).' })),
    block: text({ description: 'The block to repeat.' }),
    with: Type.Optional(Type.Record(Type.String({ pattern: IDENTIFIER_PATTERN }), anyValue())),
    ...LAYER_COMMON,
  },
  {
    title: 'repeat',
    description:
      'Repeats a block from a table, like MobileNetV2\'s (t, c, n, s) list. Inside `with:`, row columns are bound by `as`, `row` is the row index and `i` the inner index.',
  },
);

/** One item of a layer list: a layer (`type:`), a block call (`block:`) or a repeat (`repeat:`). */
export const GraphItemSchema = Type.Unsafe<
  import('@sinclair/typebox').Static<typeof LayerSchema> | import('@sinclair/typebox').Static<typeof BlockCallSchema> | import('@sinclair/typebox').Static<typeof RepeatSchema>
>({
  title: 'graph item',
  type: 'object',
  if: { type: 'object', properties: { repeat: {} }, required: ['repeat'] },
  then: RepeatSchema,
  else: {
    if: { type: 'object', properties: { block: {} }, required: ['block'] },
    then: BlockCallSchema,
    else: LayerSchema,
  },
});

export const BlockSchema = closed(
  {
    description: Type.Optional(text()),
    params: Type.Optional(
      Type.Record(Type.String({ pattern: IDENTIFIER_PATTERN }), anyValue(), {
        description: 'Parameter names with their default values (null: required).',
      }),
    ),
    layers: Type.Array(GraphItemSchema, { minItems: 1 }),
    outputs: Type.Optional(oneOrMany(text())),
  },
  { title: 'block' },
);

export const ModelSchema = closed(
  {
    extends: Type.Optional(oneOrMany(text(), { description: 'Model file(s) this one starts from, relative to this file.' })),
    plugins: Type.Optional(Type.Array(text(), { minItems: 1, description: 'Plug-in modules whose layers this model uses, relative to this file (see docs/plugins.md).' })),
    description: Type.Optional(text()),
    input: Type.Optional(intList({ minimum: 1, description: 'Input shape without the batch axis. Default: taken from the data.' })),
    input_dtype: Type.Optional(choice(['float32', 'int32'] as const, { description: 'Default: taken from the data.' })),
    blocks: Type.Optional(Type.Record(Type.String({ pattern: IDENTIFIER_PATTERN }), BlockSchema)),
    layers: Type.Array(GraphItemSchema, { minItems: 1 }),
    outputs: Type.Optional(oneOrMany(text(), { description: 'Output node(s); default: the last item.' })),
  },
  { title: 'model' },
);
