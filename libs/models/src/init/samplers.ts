/** Random numbers for initial weights, from a seeded stream (no tfjs random ops, no Math.random). */
import type { Random } from '@ablate/spec';

export function uniform(random: Random, n: number, low: number, high: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = low + (high - low) * random();
  return out;
}

function gaussian(random: Random): number {
  // Box-Muller; 1 - u keeps the log's argument in (0, 1].
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function normal(random: Random, n: number, mean: number, std: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = mean + std * gaussian(random);
  return out;
}

/** Normal redrawn outside two standard deviations (Keras/TF truncated_normal). */
export function truncatedNormal(random: Random, n: number, mean: number, std: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let z = gaussian(random);
    while (Math.abs(z) > 2) z = gaussian(random);
    out[i] = mean + std * z;
  }
  return out;
}

export function constant(n: number, value: number): Float32Array {
  return new Float32Array(n).fill(value);
}
