/**
 * Exhaustiveness: small component families (preprocessing steps, splits, augmentations,
 * corruptions) are switches over the catalog's union type; a type added to the catalog in
 * libs/spec and not handled here is a compile error, as a registry test would catch it.
 */
export function unhandled(value: never): never {
  throw new Error(`unhandled component ${JSON.stringify(value)}`);
}
