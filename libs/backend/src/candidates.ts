/**
 * The compute backends ablate can run on, fastest first. Each `load` either makes the backend
 * current or says, in one line, why it cannot (not installed, binding not built, no GPU).
 * @tensorflow/tfjs-node(-gpu) are optional: their install downloads libtensorflow, which fails on
 * machines without internet access to it; a failed install leaves either no package
 * (MODULE_NOT_FOUND) or a package without its binding ("tfjs_binding.node can not be found").
 */
import * as tf from '@tensorflow/tfjs-core';
import { packageVersion as version, type Candidate, type Unavailable } from './candidate';
import { loadBinding } from './native/binding';
import { registerBatchNormKernels } from './native/batch-norm-kernels';
import { installGradients, restoreGradients } from './native/gradients';
import { disableNative, enableNative, NATIVE_KERNELS } from './native/register-native';
import { registerSegmentSum } from './native/segment-sum';
import { webgpu } from './webgpu/webgpu-candidate';

function requireError(pkg: string, error: unknown): Unavailable {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'MODULE_NOT_FOUND' && e.message.includes(pkg)) {
    return { ok: false, reason: `${pkg} is not installed`, fix: `npm install ${pkg} (its install downloads libtensorflow)` };
  }
  if (/tfjs_binding\.node/.test(e.message)) {
    return { ok: false, reason: `${pkg} is installed but its native binding was not built`, fix: `npm rebuild ${pkg} on a machine that can download libtensorflow` };
  }
  return { ok: false, reason: `${pkg} failed to load: ${e.message.split('\n')[0]}`, fix: `reinstall ${pkg}` };
}

function tensorflow(gpu: boolean): Candidate {
  const pkg = gpu ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  return {
    name: gpu ? 'tensorflow-gpu' : 'tensorflow',
    label: gpu ? 'TensorFlow (libtensorflow, GPU)' : 'TensorFlow (libtensorflow, CPU)',
    async load() {
      try {
        require(pkg);
      } catch (error) {
        return requireError(pkg, error);
      }
      if (!(await tf.setBackend('tensorflow'))) return { ok: false, reason: `${pkg} loaded but its backend did not start`, fix: `reinstall ${pkg}` };
      restoreGradients();
      const usingGpu = (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true;
      if (gpu && !usingGpu) return { ok: false, reason: `${pkg} sees no GPU`, fix: 'install a CUDA 11.2-compatible driver, or use the CPU backends' };
      return { ok: true, detail: { package: pkg, version: version(pkg) }, threads: 0 };
    },
  };
}

/** Pure JavaScript (tfjs-backend-cpu): always there, single-threaded, slow for convolutions. */
const cpu: Candidate = {
  name: 'cpu',
  label: 'pure JavaScript (tfjs-backend-cpu)',
  async load() {
    require('@tensorflow/tfjs-backend-cpu');
    disableNative();
    installGradients();
    registerBatchNormKernels();
    registerSegmentSum();
    await tf.setBackend('cpu');
    // tfjs-backend-cpu prints a banner recommending tfjs-node on first use; the selection notice replaces it.
    (tf.findBackend('cpu') as unknown as { firstUse: boolean }).firstUse = false;
    return { ok: true, detail: { package: '@tensorflow/tfjs-backend-cpu', version: version('@tensorflow/tfjs-backend-cpu') }, threads: 1 };
  },
};

/** The instruction set oneDNN is capped at under reproducible: strict: every x86-64 CPU since 2013-2015 (Haswell, Zen) has it. */
export const STRICT_ISA = 'avx2';

/** oneDNN kernels registered on the cpu backend (the addon of libs/backend/native, built at install). */
const native: Candidate = {
  name: 'native',
  label: 'native CPU kernels (oneDNN)',
  async load(threads, options) {
    const loaded = loadBinding();
    if (!loaded.ok) return { ok: false, reason: loaded.reason, fix: loaded.fix };
    if (options.strict && !loaded.binding.setMaxIsa(STRICT_ISA)) {
      return { ok: false, reason: `oneDNN could not be capped at ${STRICT_ISA} (it was already in use in this process)`, fix: 'start a new process with reproducible: strict from the beginning' };
    }
    const base = await cpu.load(threads, options);
    if (!base.ok) return base;
    loaded.binding.setThreads(threads);
    enableNative(loaded.binding);
    const v = loaded.binding.version();
    const strict: Record<string, string> = options.strict ? { isa_ceiling: STRICT_ISA } : {};
    return { ok: true, detail: { package: 'libs/backend/native', onednn: v.onednn, runtime: v.cpuRuntime, isa: v.isa, ...strict, kernels: NATIVE_KERNELS.length }, threads: loaded.binding.threads() };
  },
};

/** Fastest first: auto-selection takes the first that loads (webgpu only on a hardware adapter). */
export const CANDIDATES: readonly Candidate[] = [tensorflow(true), webgpu, tensorflow(false), native, cpu];
