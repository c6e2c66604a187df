/**
 * The native outputs' pool: arrays come back when their tensor is freed and are reused, but never
 * one that was read out of the backend or whose memory another tensor got, and a reused array is
 * zeroed unless the kernel writes every element. CI sets ABLATE_REQUIRE_NATIVE=1.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadBinding, type NativeBinding } from './binding';
import { outputArray, poolStats } from './output-pool';
import { disableNative, enableNative } from './register-native';

const binding = loadBinding();
if (process.env.ABLATE_REQUIRE_NATIVE && !binding.ok) throw new Error(`ABLATE_REQUIRE_NATIVE is set but ${binding.reason}`);
const suite = binding.ok ? describe : describe.skip;

interface Cpu {
  data: { get(id: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}
const cpu = () => tf.backend() as unknown as Cpu;
const x = () => tf.tensor1d(Float32Array.from({ length: 4096 }, (_, i) => i - 2000));
/** The array behind a tensor, without reading it out (which would keep it from the pool). */
const arrayOf = (t: tf.Tensor) => cpu().data.get(t.dataId).values as Float32Array;

suite('the native outputs pool', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    enableNative((binding as { binding: NativeBinding }).binding);
  });
  afterAll(() => disableNative());

  it('reuses the array of a freed native output for the next output of its length', () => {
    const input = x();
    const a = tf.relu(input);
    const array = arrayOf(a);
    a.dispose();
    const before = poolStats.reused;
    const b = tf.neg(input);
    expect(poolStats.reused).toBe(before + 1);
    expect(arrayOf(b)).toBe(array);
    expect(Array.from(b.dataSync().slice(0, 3))).toEqual([2000, 1999, 1998]);
    tf.dispose([b, input]);
  });

  it('never reuses an array read out of the backend (dataSync, data)', async () => {
    const input = x();
    const a = tf.relu(input);
    const readSync = a.dataSync();
    const b = tf.abs(input);
    const readAsync = await b.data();
    tf.dispose([a, b]);
    const again = [tf.neg(input), tf.neg(input), tf.square(input)];
    expect([readSync[0], readSync[4095], readAsync[0], readAsync[4095]]).toEqual([0, 2095, 2000, 2095]);
    expect(again.map(arrayOf)).not.toContain(readSync);
    tf.dispose([...again, input]);
  });

  it('never reuses an array whose memory another tensor was given (a view, as tfjs\'s JavaScript Slice makes)', () => {
    const input = x();
    const a = tf.relu(input);
    const view = cpu().makeTensorInfo([10], 'float32', arrayOf(a).subarray(2040, 2050));
    const sliced = tf.engine().makeTensorFromTensorInfo(view);
    a.dispose();
    const again = [tf.neg(input), tf.neg(input)];
    expect(Array.from(sliced.dataSync())).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
    tf.dispose([...again, sliced, input]);
  });

  it('zeroes a reused array for a kernel that does not write every element', () => {
    const input = x();
    const a = tf.relu(input);
    const array = arrayOf(a);
    a.dispose();
    const reused = outputArray(cpu(), 4096, false);
    expect(reused).toBe(array);
    expect(reused.every((v) => v === 0)).toBe(true);
    input.dispose();
  });
});
