/** Batches of a part in a seeded order: the same seed and epoch, the same batches. */
import type { Random } from '@ablate/spec';
import { shuffle } from '../split/sampling';
import type { Batch, Source } from './batch';

/** Positions 0..size-1, shuffled when a random stream is given. */
export function epochOrder(size: number, random?: Random): Int32Array {
  const order = Int32Array.from({ length: size }, (_, i) => i);
  return random ? shuffle(order, random) : order;
}

export function* batchesOf(source: Source, batchSize: number, order: Int32Array = epochOrder(source.size), transform?: (batch: Batch) => Batch): Generator<Batch> {
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = source.gather(order.subarray(start, Math.min(start + batchSize, order.length)));
    yield transform ? transform(batch) : batch;
  }
}

export function batchCount(size: number, batchSize: number): number {
  return Math.ceil(size / batchSize);
}
