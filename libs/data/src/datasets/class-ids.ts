/** Turning the label values of a file into class indices 0..K-1. */
import { UserError } from '@ablate/spec';

/** Distinct label values in order (numeric when every value is a number). */
export function distinctLabels(values: ArrayLike<number | string>): Array<number | string> {
  const set = [...new Set(Array.from(values))];
  return set.every((v) => typeof v === 'number' || (v !== '' && !Number.isNaN(Number(v))))
    ? set.sort((a, b) => Number(a) - Number(b))
    : set.map(String).sort();
}

export function indexLabels(values: ArrayLike<number | string>, order: ReadonlyArray<number | string>): Int32Array {
  const index = new Map(order.map((v, i) => [String(v), i]));
  return Int32Array.from(Array.from(values), (v) => index.get(String(v)) ?? -1);
}

/** The declared class count (dataset.classes) must match what the data holds. */
export function checkClasses(declared: number | undefined, found: number, where: string): void {
  if (declared !== undefined && declared !== found) {
    throw new UserError(`dataset.classes is ${declared}, but ${where} has ${found} classes.`, { hint: 'Correct `classes:` (or remove it: it is only needed to compile the model without loading the data).' });
  }
}
