/**
 * A family of components chosen by their `type:` key (layers, optimizers, datasets, ...).
 *
 * The catalog's keys are the only source of the allowed names: the JSON Schema's discriminator
 * and the implementing registries (which a test checks against the catalog) both derive from it.
 */
import { Type, type Static, type TObject, type TProperties, type TUnsafe } from '@sinclair/typebox';

export type Catalog = Record<string, TObject>;

/** The static type of one member: its `type` tag plus its own fields. */
export type Tagged<C extends Catalog, Common = unknown> = {
  [K in keyof C & string]: { type: K } & Static<C[K]> & Common;
}[keyof C & string];

export function taggedUnion<C extends Catalog, P extends TProperties = TProperties>(
  title: string,
  catalog: C,
  common?: P,
): TUnsafe<Tagged<C, Static<TObject<P>>>> {
  const oneOf = Object.entries(catalog).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      ...rest,
      title: `${name} ${title}`,
      type: 'object',
      properties: {
        type: { const: name, ...(description ? { description } : {}) },
        ...(common ?? {}),
        ...schema.properties,
      },
      required: ['type', ...(schema.required ?? [])],
      additionalProperties: false,
    };
  });
  return Type.Unsafe({
    title,
    type: 'object',
    required: ['type'],
    properties: { type: { type: 'string', enum: Object.keys(catalog), description: `The ${title} type.` } },
    discriminator: { propertyName: 'type' },
    oneOf,
  });
}

/** The names of a catalog, in declaration order. */
export function catalogNames(catalog: Catalog): string[] {
  return Object.keys(catalog);
}
