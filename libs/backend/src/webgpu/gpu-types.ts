/**
 * The few parts of the WebGPU API that ablate touches itself (tfjs-backend-webgpu does the rest),
 * typed here so that the project builds without the DOM's WebGPU declarations.
 */
export interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** Newer Dawn reports a CPU (software) implementation here. */
  isFallbackAdapter?: boolean;
}

export interface GpuDevice {
  readonly lost: Promise<{ reason: string; message: string }>;
  addEventListener(type: 'uncapturederror', listener: (event: { error: { message: string; constructor: { name: string } }; preventDefault(): void }) => void): void;
  destroy(): void;
}

export interface GpuAdapter {
  readonly info: GpuAdapterInfo;
  readonly features: { has(name: string): boolean };
  readonly limits: Record<string, number>;
  requestDevice(descriptor: { requiredFeatures: string[]; requiredLimits: Record<string, number> }): Promise<GpuDevice>;
}

export interface Gpu {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapter | null>;
}
