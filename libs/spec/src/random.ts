/**
 * Seeds. Every random choice of a model (initial weights, dropout masks) comes from a stream
 * named after what it is for, derived from the trial seed: the same seed gives the same model on
 * any machine, and adding a layer does not change the others' initial weights.
 */
import seedrandom from 'seedrandom';

export type Random = () => number;

export function stream(seed: number, ...labels: string[]): Random {
  return seedrandom(`ablate:${seed}:${labels.join('/')}`);
}

/** A 31-bit integer seed for APIs that take one (tfjs random ops). */
export function intSeed(random: Random): number {
  return Math.floor(random() * 0x7fffffff);
}
