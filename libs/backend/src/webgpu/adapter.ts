/**
 * What a WebGPU adapter is, in the words env.json and the start-up line use: vendor,
 * architecture, device, driver description, and whether it is a software (CPU) implementation
 * such as Mesa's lavapipe (llvmpipe) or SwiftShader, which auto-selection never picks.
 */
import type { GpuAdapterInfo } from './gpu-types';

export interface AdapterRecord {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  software: boolean;
  /** The largest buffer one shader may use, in bytes (maxStorageBufferBindingSize): the largest tensor a kernel can take. */
  maxBinding: number;
}

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|softpipe|software/i;

export function adapterRecord(info: GpuAdapterInfo, limits: Record<string, number>): AdapterRecord {
  const record = { vendor: info.vendor ?? '', architecture: info.architecture ?? '', device: info.device ?? '', description: info.description ?? '' };
  const software = info.isFallbackAdapter === true || SOFTWARE.test(`${record.architecture} ${record.device} ${record.description}`);
  return { ...record, software, maxBinding: limits.maxStorageBufferBindingSize ?? 0 };
}

/** "NVIDIA GeForce RTX 4090" or "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6), software". */
export function adapterLabel(adapter: AdapterRecord): string {
  const name = adapter.description || [adapter.vendor, adapter.device].filter(Boolean).join(' ') || 'unnamed adapter';
  return adapter.software ? `${name}, software` : name;
}

/** The adapter as the flat fields of a backend's detail (env.json's `backend` object). */
export function adapterDetail(adapter: AdapterRecord): Record<string, string | number | boolean> {
  return {
    adapter: adapterLabel(adapter),
    adapter_vendor: adapter.vendor,
    adapter_architecture: adapter.architecture,
    adapter_device: adapter.device,
    adapter_description: adapter.description,
    adapter_software: adapter.software,
    adapter_max_tensor_mib: Math.floor(adapter.maxBinding / 2 ** 20),
  };
}
