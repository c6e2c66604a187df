/** Shapes without the batch axis, as the YAML and the summaries show them. */
export type Shape = number[];

export const prod = (values: readonly number[]): number => values.reduce((a, b) => a * b, 1);

export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]`;
}

/** The shape of a symbolic tensor without its batch axis. */
export function withoutBatch(shape: readonly (number | null)[]): Shape {
  return shape.slice(1).map((d) => (d === null ? -1 : d));
}

/** One value for every axis, or one per axis. */
export function perAxis(value: number | number[] | undefined, rank: number, fallback: number): number[] {
  if (value === undefined) return Array(rank).fill(fallback);
  if (typeof value === 'number') return Array(rank).fill(value);
  if (value.length !== rank) throw new RangeError(`expected ${rank} values (one per axis), got ${value.length}`);
  return value;
}
