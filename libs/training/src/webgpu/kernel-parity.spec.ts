/**
 * Every kernel the seed networks train with gives the same forward values and gradients on webgpu
 * as on the native CPU kernels (relative difference < 1e-4), and really ran on webgpu; and the
 * products tfjs would sum with float atomics come out bit for bit the same every time.
 */
import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_CASES } from '../testing/kernel-cases';
import { describeWebGpu, inputs, onBoth, relativeDifference } from '../testing/webgpu';

describeWebGpu('webgpu kernels match the native kernels', () => {
  it.each(KERNEL_CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, index) => {
    const c = KERNEL_CASES[index];
    const runs = await onBoth(() => c.run(inputs(index + 1)));
    expect(runs.webgpu.length).toBe(runs.native.length);
    const differences = runs.native.map((n, i) => relativeDifference(n, runs.webgpu[i]));
    expect(differences.filter((d) => !(d < 1e-4))).toEqual([]);
    expect(c.kernels.filter((k) => !runs.kernels.has(k))).toEqual([]);
  });

  it('repeats a dense layer after a large flatten bit for bit (no atomic split-K sums)', async () => {
    await onBoth(() => []); // makes webgpu current
    const r = inputs(5);
    const [a, b, bias] = [r([4, 20000]), r([20000, 256], 0.01), r([256])];
    const runs: Float32Array[] = [];
    for (let i = 0; i < 4; i++) {
      for (const y of [tf.matMul(a, b), tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias, activation: 'relu' })]) {
        runs.push((await y.data()) as Float32Array);
        y.dispose();
      }
    }
    tf.dispose([a, b, bias]);
    expect(tf.getBackend()).toBe('webgpu');
    runs.forEach((run, i) => expect([i, Buffer.from(run.buffer).equals(Buffer.from(runs[i % 2].buffer))]).toEqual([i, true]));
  });
});
