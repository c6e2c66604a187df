/**
 * Reuse of the native kernels' output arrays (issue 19). Every training step allocates the same
 * arrays again (Hamida's step, ~100 MB of them); fresh Float32Arrays cost the allocation, zeroing,
 * and above all V8's garbage collections that external memory triggers (measured: 42 ms of
 * Hamida's 182 ms step on one thread). Instead, when the cpu backend frees a tensor's data and
 * its array is one a native kernel made, the array goes to a pool by length, and the next native
 * output of that length takes it.
 *
 * Only arrays nobody else can hold are reused: those made here (never an array a user passed to
 * tf.tensor), and never one that was read out of the backend (dataSync, data, arraySync, a move
 * to another backend: `read`/`readSync` mark the array), since the reader may keep it after the
 * tensor is disposed, nor one whose memory a second tensor was given (tfjs's JavaScript Slice
 * returns a view into its input's array: `write`/`move` of any array on the memory of one made
 * here mark it). tfjs's kernels that share data otherwise (reshape, identity, clone, a variable's
 * assign) share the dataId, which the backend frees only when its last reference goes. A reused
 * array is zeroed unless the kernel writes every element (`overwrites`), so outputs are the same
 * bits as with fresh arrays. At most MAX_POOLED_BYTES (1 GB) wait in the pool.
 */
import type { DataId } from '@tensorflow/tfjs-core';

// 1 GB: at 256 MB the big networks' steps outgrew the pool, and every array it could not take back
// was garbage waiting for V8 while the next step allocated (and page-faulted) fresh ones. Measured
// on 2026-12-03 (3 rounds of 3 steps, 2 threads, 256 MB → 1 GB): HybridSN 2225 → 749 ms a step,
// MobileNetV2 1722 → 1216 ms, MobileNetV1 ~330 → ~185 ms, Fashion-MNIST CNN 10.6 → 9.9 ms; peak
// RSS +3% (HybridSN 2618 → 2696 MB), +8% (MobileNetV2 3573 → 3860 MB).
const MAX_POOLED_BYTES = 1024 * 1024 * 1024;

interface Record {
  values?: unknown;
}
interface PatchableBackend {
  data: { get(id: DataId): Record | undefined; has(id: DataId): boolean };
  disposeData(dataId: DataId, force?: boolean): boolean;
  readSync(dataId: DataId): unknown;
  read(dataId: DataId): Promise<unknown>;
  write(values: unknown, shape: number[], dtype: string): DataId;
  move(dataId: DataId, values: unknown, shape: number[], dtype: string, refCount: number): void;
}

const free = new Map<number, Float32Array[]>();
let pooledBytes = 0;
/** Arrays made here that nobody read out of the backend: the only ones the pool takes back. */
const reusable = new WeakSet<Float32Array>();
/** The array made here on each memory, and whether its own tensor was written with it yet. */
const owners = new WeakMap<ArrayBufferLike, { array: Float32Array; written: boolean }>();
const patched = new WeakSet<object>();

/** Counts for the tests and the benchmark: arrays made, reused, and returned to the pool. */
export const poolStats = { made: 0, reused: 0, returned: 0 };

function markRead(backend: PatchableBackend, dataId: DataId): void {
  const values = backend.data.get(dataId)?.values;
  if (values instanceof Float32Array) reusable.delete(values);
}

/** A tensor is given `values`: the first time for an array made here, its own; otherwise its memory is shared. */
function claim(values: unknown): void {
  if (!ArrayBuffer.isView(values)) return;
  const owner = owners.get(values.buffer);
  if (!owner) return;
  if (owner.array === values && !owner.written) owner.written = true;
  else reusable.delete(owner.array);
}

/** Has the backend hand back its freed native outputs, and mark what is read out of it or shared. */
function patch(backend: PatchableBackend): void {
  if (patched.has(backend)) return;
  patched.add(backend);
  const { disposeData, readSync, read, write, move } = backend;
  backend.write = function (values, shape, dtype) {
    claim(values);
    return write.call(this, values, shape, dtype);
  };
  backend.move = function (dataId, values, shape, dtype, refCount) {
    claim(values);
    return move.call(this, dataId, values, shape, dtype, refCount);
  };
  backend.readSync = function (dataId) {
    markRead(this, dataId);
    return readSync.call(this, dataId);
  };
  backend.read = function (dataId) {
    markRead(this, dataId);
    return read.call(this, dataId);
  };
  backend.disposeData = function (dataId, force) {
    const values = this.data.get(dataId)?.values;
    const result = disposeData.call(this, dataId, force);
    if (values instanceof Float32Array && reusable.has(values) && !this.data.has(dataId)) giveBack(values);
    return result;
  };
}

function giveBack(values: Float32Array): void {
  reusable.delete(values);
  if (pooledBytes + values.byteLength > MAX_POOLED_BYTES) return;
  let list = free.get(values.length);
  if (!list) free.set(values.length, (list = []));
  list.push(values);
  pooledBytes += values.byteLength;
  poolStats.returned++;
}

/** An array of `length` for a native kernel's output on `backend`: from the pool (zeroed unless the kernel overwrites every element) or new. */
export function outputArray(backend: object, length: number, overwrites: boolean): Float32Array {
  patch(backend as PatchableBackend);
  const reused = free.get(length)?.pop();
  let out: Float32Array;
  if (reused) {
    pooledBytes -= reused.byteLength;
    if (!overwrites) reused.fill(0);
    out = reused;
    poolStats.reused++;
  } else {
    out = new Float32Array(length);
    poolStats.made++;
  }
  reusable.add(out);
  owners.set(out.buffer, { array: out, written: false });
  return out;
}

/** Empties the pool (when the native kernels are disabled). */
export function clearOutputPool(): void {
  free.clear();
  pooledBytes = 0;
}
