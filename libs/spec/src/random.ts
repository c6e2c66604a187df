/**
 * Seeds. Every random choice of a model (initial weights, dropout masks) comes from a stream
 * named after what it is for, derived from the trial seed: the same seed gives the same model on
 * any machine, and adding a layer does not change the others' initial weights. A stream that
 * lives across training steps (dropout masks) can give its position (`state()`) and be resumed
 * from it, so a training resumed from a checkpoint draws the numbers it would have drawn.
 */
import seedrandom from 'seedrandom';

export type Random = () => number;

/** The position of a stream (seedrandom's ARC4 state: JSON). */
export type StreamState = object;

export type ResumableRandom = Random & { state(): StreamState };

export function stream(seed: number, ...labels: string[]): ResumableRandom {
  return seedrandom(`ablate:${seed}:${labels.join('/')}`, { state: true }) as ResumableRandom;
}

/** The stream that continues from `state` (what `state()` returned). */
export function resumeStream(state: StreamState): ResumableRandom {
  return seedrandom('', { state: state as seedrandom.State.Arc4 }) as ResumableRandom;
}

/** A 31-bit integer seed for APIs that take one (tfjs random ops). */
export function intSeed(random: Random): number {
  return Math.floor(random() * 0x7fffffff);
}
