/**
 * WebGPU in this process: Dawn's `navigator.gpu` and WebGPU globals installed for
 * tfjs-backend-webgpu, a high-performance adapter and its device, and tfjs's `webgpu` backend
 * registered on that device (ablate registers it itself, so that it knows which adapter it got and
 * can tell when the device is lost). `releaseWebGpu` takes it all down again: the process then
 * exits by itself.
 */
import * as tf from '@tensorflow/tfjs-core';
import { adapterRecord, type AdapterRecord } from './adapter';
import type { Dawn } from './dawn';
import type { GpuDevice } from './gpu-types';
import { fixWebGpuKernels } from './kernel-fixes';

interface Session {
  device: GpuDevice;
  adapter: AdapterRecord;
  navigator: PropertyDescriptor | undefined;
  /** The first error the device reported outside any read (out of memory, validation). */
  failure?: string;
  releasing: boolean;
}

let session: Session | undefined;

export const NO_ADAPTER_FIX =
  'install the Vulkan loader and your GPU\'s Vulkan driver (Debian: apt-get install libvulkan1, plus the NVIDIA driver or mesa-vulkan-drivers for AMD/Intel); to test without a GPU, Mesa >= 25\'s lavapipe: apt-get install -t bookworm-backports mesa-vulkan-drivers';

type Started = { ok: true; adapter: AdapterRecord; version: string } | { ok: false; reason: string; fix: string };

function loadTfjsWebGpu(): { ok: true; module: { WebGPUBackend: new (device: GpuDevice, info: unknown) => tf.KernelBackend }; version: string } | { ok: false; reason: string; fix: string } {
  try {
    // Loaded before navigator.gpu exists, so its own registration (an adapter of its choosing) is skipped; its kernels register anyway.
    const module = require('@tensorflow/tfjs-backend-webgpu');
    return { ok: true, module, version: (require('@tensorflow/tfjs-backend-webgpu/package.json') as { version: string }).version };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'MODULE_NOT_FOUND') return { ok: false, reason: '@tensorflow/tfjs-backend-webgpu is not installed', fix: 'npm install @tensorflow/tfjs-backend-webgpu (an optional dependency of ablate)' };
    return { ok: false, reason: `@tensorflow/tfjs-backend-webgpu failed to load: ${e.message.split('\n')[0]}`, fix: 'reinstall it (npm ci)' };
  }
}

export async function startWebGpu(dawn: Dawn, onLost: (message: string) => void): Promise<Started> {
  const tfjs = loadTfjsWebGpu();
  if (!tfjs.ok) return tfjs;
  if (session) {
    // Already started (a process that switches backends, such as the parity tests): make it current again.
    await tf.setBackend('webgpu');
    return { ok: true, adapter: session.adapter, version: tfjs.version };
  }
  fixWebGpuKernels();
  for (const [name, value] of Object.entries(dawn.globals)) if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { ok: false, reason: 'Dawn found no GPU adapter (no Vulkan driver sees a device)', fix: NO_ADAPTER_FIX };
  // The device tfjs-backend-webgpu would ask for: its optional features, and the adapter's full limits.
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures: ['timestamp-query', 'bgra8unorm-storage'].filter((f) => adapter.features.has(f)),
    requiredLimits: Object.fromEntries(
      ['maxComputeWorkgroupStorageSize', 'maxComputeWorkgroupsPerDimension', 'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupSizeX', 'maxComputeInvocationsPerWorkgroup'].map((k) => [k, limits[k]]),
    ),
  });
  const current: Session = { device, adapter: adapterRecord(adapter.info, limits), navigator: Object.getOwnPropertyDescriptor(globalThis, 'navigator'), releasing: false };
  session = current;
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  // Kept for the training loop to report in one paragraph; preventDefault stops Dawn from also printing it, many lines long.
  device.addEventListener('uncapturederror', (event) => {
    event.preventDefault();
    current.failure ??= `${event.error.constructor.name}: ${event.error.message}`;
  });
  void device.lost.then((info) => {
    if (!current.releasing) onLost(`${info.message || info.reason}`);
  });
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  const info = adapter.info;
  tf.registerBackend('webgpu', () => new tfjs.module.WebGPUBackend(device, info), 0);
  if (!(await tf.setBackend('webgpu'))) {
    releaseWebGpu();
    return { ok: false, reason: 'tfjs-backend-webgpu did not start on the adapter', fix: 'update the GPU driver' };
  }
  return { ok: true, adapter: current.adapter, version: tfjs.version };
}

/** The first asynchronous error the GPU device reported (out of memory, a validation error), if any. */
export function webGpuFailure(): string | undefined {
  return session?.failure;
}

export function webGpuActive(): boolean {
  return session !== undefined;
}

export function releaseWebGpu(): void {
  const current = session;
  if (!current) return;
  current.releasing = true;
  session = undefined;
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  current.device.destroy();
  if (current.navigator) Object.defineProperty(globalThis, 'navigator', current.navigator);
  else delete (globalThis as { navigator?: unknown }).navigator;
}
