/**
 * The k-th value of a stepped range, low + k * step, written as the user would write it: 0.15,
 * not 0.15000000000000002 (rounded to the decimals of low and step, the only ones it can have).
 */

/** Digits after the decimal point in the shortest form of `x` (1e-7 → 7, 0.05 → 2, 3 → 0). */
export function decimals(x: number): number {
  const [mantissa, exponent] = String(x).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

export function stepValue(low: number, step: number, k: number): number {
  const raw = low + k * step;
  const places = Math.max(decimals(low), decimals(step));
  return places <= 15 ? Number(raw.toFixed(places)) : raw;
}

/** How many steps fit in [low, high] past low: high = low + count * step. */
export const stepCount = (low: number, high: number, step: number) => Math.round((high - low) / step);
