/**
 * Memory of the native kernels' outputs. A fresh Float32Array per output is freed only
 * when V8's garbage collector gets to it, so a training step's freed activations and gradients
 * piled up until then (and paid for allocation and collections: 42 ms of Hamida's 182 ms step on
 * one thread). A pool of freed arrays by length fixed the speed, but held what one step had freed
 * until an output of the same length came: HybridSN's peak resident memory was 1.3 GB for 0.75 GB
 * of live tensors. Instead, an output's array is on memory the addon allocates
 * (native/src/memory.cc), and when the cpu backend frees the tensor's data the memory is freed at
 * once: the C library reuses it for the next output of any size, as PyTorch's allocator does.
 *
 * Only arrays nobody else can hold are freed so: those made here (never an array a user passed to
 * tf.tensor), and never one that was read out of the backend (dataSync, data, arraySync, a move
 * to another backend: `read`/`readSync` mark the array), since the reader may keep it after the
 * tensor is disposed, nor one whose memory a second tensor was given (tfjs's JavaScript Slice
 * returns a view into its input's array: `write`/`move` of any array on the memory of one made
 * here mark it). Those are freed when V8 collects them. tfjs's kernels that share data otherwise
 * (reshape, identity, clone, a variable's assign) share the dataId, which the backend frees only
 * when its last reference goes. A freed array is detached first: a reference that escaped anyway
 * reads an empty array, never freed memory.
 */
import type { DataId } from '@tensorflow/tfjs-core';
import type { NativeBinding } from './binding';

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

type Allocator = Pick<NativeBinding, 'allocate' | 'release'>;
let allocator: Allocator | undefined;

/** Arrays made here that nobody read out of the backend: the only ones freed on dispose. */
const releasable = new WeakSet<Float32Array>();
/** The array made here on each memory, and whether its own tensor was written with it yet. */
const owners = new WeakMap<ArrayBufferLike, { array: Float32Array; written: boolean }>();
const patched = new WeakSet<object>();

/** For the tests: how many arrays made here were freed when their tensor was. */
export const outputStats = { released: 0 };

function markRead(backend: PatchableBackend, dataId: DataId): void {
  const values = backend.data.get(dataId)?.values;
  if (values instanceof Float32Array) releasable.delete(values);
}

/** A tensor is given `values`: the first time for an array made here, its own; otherwise its memory is shared. */
function claim(values: unknown): void {
  if (!ArrayBuffer.isView(values)) return;
  const owner = owners.get(values.buffer);
  if (!owner) return;
  if (owner.array === values && !owner.written) owner.written = true;
  else releasable.delete(owner.array);
}

/** Has the backend free its native outputs' memory with their data, and mark what is read out of it or shared. */
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
    if (values instanceof Float32Array && releasable.has(values) && !this.data.has(dataId)) release(values);
    return result;
  };
}

function release(values: Float32Array): void {
  releasable.delete(values);
  if (allocator?.release(values)) outputStats.released++;
}

/** Makes the native kernels' outputs on the addon's memory (undefined: plain Float32Arrays, as when the native kernels are off). */
export function useNativeMemory(native: Allocator | undefined): void {
  allocator = native;
}

/** An array of `length` for a native kernel's output on `backend`, zeroed unless the kernel overwrites every element. */
export function outputArray(backend: object, length: number, overwrites: boolean): Float32Array {
  if (!allocator) return new Float32Array(length);
  patch(backend as PatchableBackend);
  const out = new Float32Array(allocator.allocate(length, !overwrites), 0, length);
  releasable.add(out);
  owners.set(out.buffer, { array: out, written: false });
  return out;
}
