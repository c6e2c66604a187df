/**
 * Running the same computation on the native CPU kernels and on webgpu in one test process, for
 * the parity tests. Inputs are made inside the computation from seeded arrays, so both backends
 * get identical values; native runs first (data moves from the CPU to the GPU, never back
 * synchronously). Without a WebGPU adapter the suites skip and say why; CI sets
 * ABLATE_REQUIRE_WEBGPU=1 (with Mesa's lavapipe installed) so that they fail instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { loadBinding, probeWebGpu, releaseBackend, selectBackend } from '@ablate/backend';
import { stream } from '@ablate/spec';

const probe = probeWebGpu();
const native = loadBinding();
if (process.env.ABLATE_REQUIRE_WEBGPU && !probe.ok) throw new Error(`ABLATE_REQUIRE_WEBGPU is set but WebGPU is unavailable: ${probe.reason}`);
if (process.env.ABLATE_REQUIRE_WEBGPU && !native.ok) throw new Error(`ABLATE_REQUIRE_WEBGPU is set but the native kernels it is compared with are unavailable: ${native.reason}`);

const skipReason = !probe.ok ? `no WebGPU adapter: ${probe.reason}` : !native.ok ? `no native kernels to compare with: ${native.reason}` : undefined;

/** `describe` when webgpu and the native kernels are both there; otherwise a skipped suite whose title says why. */
export function describeWebGpu(name: string, body: () => void): void {
  if (skipReason) describe.skip(`${name} (skipped: ${skipReason})`, body);
  else
    describe(name, () => {
      afterAll(() => releaseBackend());
      body();
    });
}

/** Seeded normal values of a shape, as a tensor on the current backend; the same sequence on every call of a fresh `inputs()`. */
export function inputs(seed: number): (shape: number[], scale?: number) => tf.Tensor {
  const random = stream(seed, 'webgpu-parity');
  return (shape, scale = 1) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i += 2) {
      // Box-Muller from the seeded uniform stream.
      const r = Math.sqrt(-2 * Math.log(1 - random())) * scale;
      const t = 2 * Math.PI * random();
      values[i] = r * Math.cos(t);
      if (i + 1 < n) values[i + 1] = r * Math.sin(t);
    }
    return tf.tensor(values, shape);
  };
}

export interface BothRuns {
  native: Float32Array[];
  webgpu: Float32Array[];
  /** Kernels the webgpu run dispatched, to prove that what was tested ran on the GPU. */
  kernels: Set<string>;
}

async function read(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const t of tensors) out.push(Float32Array.from((await t.data()) as Float32Array));
  tf.dispose(tensors);
  return out;
}

const ran = new Set<string>();
let wrapped = false;

/**
 * Runs f and returns the names of the webgpu kernels it dispatched. (tf.profile would tell too,
 * but under it tfjs-backend-webgpu runs kernels in a promise nobody awaits, so a kernel that
 * throws ends the test process instead of failing the test.)
 */
function recording<T>(f: () => T): { value: T; kernels: Set<string> } {
  if (!wrapped) {
    wrapped = true;
    for (const k of tf.getKernelsForBackend('webgpu')) {
      tf.unregisterKernel(k.kernelName, 'webgpu');
      tf.registerKernel({ ...k, kernelFunc: (args) => (ran.add(k.kernelName), k.kernelFunc(args)) });
    }
  }
  ran.clear();
  const value = f();
  return { value, kernels: new Set(ran) };
}

/**
 * Runs `f` on the native kernels, then on webgpu, and reads back everything it returns. On
 * webgpu, tfjs runs an op on the CPU when its inputs are still there and small (under 1000
 * values): that hand-off is turned off here, so that every kernel of the test runs on the GPU.
 */
export async function onBoth(f: () => tf.Tensor[]): Promise<BothRuns> {
  await selectBackend('native');
  const nativeOut = await read(tf.tidy(f));
  const choice = await selectBackend('webgpu');
  if (choice.name !== 'webgpu' || tf.getBackend() !== 'webgpu') throw new Error(`webgpu was not made current (got ${tf.getBackend()})`);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  const result = recording(() => tf.tidy(f));
  const webgpuOut = await read(result.value);
  return { native: nativeOut, webgpu: webgpuOut, kernels: result.kernels };
}

/** Largest difference between the two runs of output i, relative to its largest magnitude. */
export function relativeDifference(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 1e-6;
  for (let k = 0; k < a.length; k++) {
    diff = Math.max(diff, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(a[k]));
  }
  return Number.isNaN(diff) || a.length !== b.length ? Infinity : diff / scale;
}

const norm = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));

/**
 * For each pair of gradients, ||a - b|| / ||a||, where a gradient that is zero in theory (a bias
 * right before batch norm: its norm under 1e-4 of the whole gradient's) is measured against 1e-4
 * of the whole gradient's norm instead of its own rounding noise.
 */
export function gradientErrors(native: Float32Array[], webgpu: Float32Array[]): number[] {
  const total = Math.sqrt(native.reduce((s, g) => s + norm(g) ** 2, 0));
  return native.map((a, i) => {
    const b = webgpu[i];
    if (a.length !== b.length) return Infinity;
    const diff = norm(a.map((v, k) => v - b[k]));
    return Number.isNaN(diff) ? Infinity : diff / Math.max(norm(a), 1e-4 * total, 1e-30);
  });
}
