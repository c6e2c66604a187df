/** How YAML scalars and keys become JSON, the same for both YAML parsers. */
import type { Json, JsonObject } from './json';

/** A scalar's JSON value: big integers as numbers, the merge key's symbol as its text. */
export function scalarJson(value: unknown): Json {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'symbol') return value.description ?? '';
  return value as Json;
}

/** How a JS object stores a YAML key (as the `yaml` package does: null → "", others stringified). */
export function keyString(key: Json): string {
  if (key === null) return '';
  return typeof key === 'object' ? JSON.stringify(key) : String(key);
}

/** Sets `key`, `__proto__` included, as an own property. */
export function setKey(object: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
