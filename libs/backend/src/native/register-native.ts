/**
 * Plugs the native kernels into tfjs's `cpu` backend through the kernel registry — no fork of
 * tfjs: each kernel is replaced by one that runs natively, or falls back to the original
 * JavaScript kernel for inputs it does not cover. `disableNative` puts the originals back.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { BATCH_NORM_KERNELS } from './batch-norm-kernels';
import type { NativeBinding } from './binding';
import { CONV_KERNELS } from './conv-kernels';
import { ELEMENTWISE_KERNELS } from './elementwise-kernels';
import { GRADIENT_KERNELS } from './gradients';
import { kernelConfig, type NativeKernelSpec } from './kernel-kit';
import { LAYOUT_KERNELS } from './layout-kernels';
import { MATMUL_KERNELS } from './matmul-kernels';
import { OPTIMIZER_KERNELS } from './optimizer-kernels';
import { useNativeMemory } from './output-memory';
import { POOL_KERNELS } from './pool-kernels';
import { REDUCE_KERNELS } from './reduce-kernels';

export const NATIVE_KERNELS: readonly NativeKernelSpec[] = [...CONV_KERNELS, ...MATMUL_KERNELS, ...POOL_KERNELS, ...ELEMENTWISE_KERNELS, ...REDUCE_KERNELS, ...LAYOUT_KERNELS, ...GRADIENT_KERNELS, ...BATCH_NORM_KERNELS, ...OPTIMIZER_KERNELS];

const originals = new Map<string, KernelConfig | undefined>();

export function enableNative(native: NativeBinding): void {
  if (originals.size > 0) return;
  native.keepFreedMemory();
  useNativeMemory(native);
  for (const spec of NATIVE_KERNELS) {
    const original = getKernel(spec.kernelName, 'cpu');
    originals.set(spec.kernelName, original);
    if (original) unregisterKernel(spec.kernelName, 'cpu');
    registerKernel(kernelConfig(spec, original, native));
  }
}

export function disableNative(): void {
  for (const [name, original] of originals) {
    unregisterKernel(name, 'cpu');
    if (original) registerKernel(original);
  }
  originals.clear();
  useNativeMemory(undefined);
}

export function nativeEnabled(): boolean {
  return originals.size > 0;
}
