/**
 * The native outputs' memory: freed the moment its tensor is, but never an array read out of the
 * backend or whose memory another tensor got (those wait for V8, which frees them too); memory is
 * zeroed for a kernel that does not write every element. CI sets ABLATE_REQUIRE_NATIVE=1.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadBinding, type NativeBinding } from './binding';
import { outputArray, outputStats } from './output-memory';
import { disableNative, enableNative } from './register-native';

const binding = loadBinding();
if (process.env.ABLATE_REQUIRE_NATIVE && !binding.ok) throw new Error(`ABLATE_REQUIRE_NATIVE is set but ${binding.reason}`);
const suite = binding.ok ? describe : describe.skip;
const native = () => (binding as { binding: NativeBinding }).binding;

interface Cpu {
  data: { get(id: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}
const cpu = () => tf.backend() as unknown as Cpu;
const x = () => tf.tensor1d(Float32Array.from({ length: 4096 }, (_, i) => i - 2000));
/** The array behind a tensor, without reading it out (which keeps it from being freed on dispose). */
const arrayOf = (t: tf.Tensor) => cpu().data.get(t.dataId).values as Float32Array;

suite('the native outputs memory', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    enableNative(native());
  });
  afterAll(() => disableNative());

  it('frees a native output\'s memory when its tensor is disposed, and detaches its array', () => {
    const input = x();
    const before = native().allocated();
    const a = tf.relu(input);
    const array = arrayOf(a);
    expect(native().allocated()).toEqual({ arrays: before.arrays + 1, bytes: before.bytes + 4096 * 4 });
    const released = outputStats.released;
    a.dispose();
    expect(native().allocated()).toEqual(before);
    expect(outputStats.released).toBe(released + 1);
    expect(array.length).toBe(0);
    input.dispose();
  });

  it('never frees an array read out of the backend (dataSync, data)', async () => {
    const input = x();
    const a = tf.relu(input);
    const readSync = a.dataSync();
    const b = tf.abs(input);
    const readAsync = await b.data();
    const before = native().allocated();
    tf.dispose([a, b]);
    expect(native().allocated()).toEqual(before);
    const again = [tf.neg(input), tf.neg(input), tf.square(input)];
    expect([readSync[0], readSync[4095], readAsync[0], readAsync[4095]]).toEqual([0, 2095, 2000, 2095]);
    tf.dispose([...again, input]);
  });

  it('never frees an array whose memory another tensor was given (a view, as tfjs\'s JavaScript Slice makes)', () => {
    const input = x();
    const a = tf.relu(input);
    const view = cpu().makeTensorInfo([10], 'float32', arrayOf(a).subarray(2040, 2050));
    const sliced = tf.engine().makeTensorFromTensorInfo(view);
    a.dispose();
    const again = [tf.neg(input), tf.neg(input)];
    expect(Array.from(sliced.dataSync())).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
    tf.dispose([...again, sliced, input]);
  });

  it('zeroes the memory of a kernel that does not write every element, even where a freed output was', () => {
    const input = x();
    for (let i = 0; i < 5; i++) tf.neg(input).dispose();
    const out = outputArray(cpu(), 4096, false);
    expect(out.every((v) => v === 0)).toBe(true);
    input.dispose();
  });

  it('frees an array never released when V8 collects it', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const before = native().allocated();
    // made and dropped in a function of its own, so that nothing here holds it
    const length = ((): number => outputArray(cpu(), 1 << 20, false).length)();
    expect(native().allocated().bytes).toBe(before.bytes + length * 4);
    // (earlier tests' read-out arrays may be collected too: at most `before` is left)
    for (let i = 0; i < 5 && native().allocated().bytes > before.bytes; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(native().allocated().bytes).toBeLessThanOrEqual(before.bytes);
  });
});
