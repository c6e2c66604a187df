/**
 * The `webgpu` backend: TensorFlow.js's WebGPU kernels on Dawn (npm `webgpu`), which drives
 * NVIDIA, AMD and Intel GPUs through Vulkan on Linux (Metal on macOS, D3D12 on Windows). Chosen
 * by auto-selection only for a hardware adapter; a software one (Mesa's lavapipe) only by name.
 */
import type { Candidate, Unavailable } from '../candidate';
import { adapterDetail, adapterLabel, type AdapterRecord } from './adapter';
import { loadDawn } from './dawn';
import { probeAdapter, type Probe } from './probe';
import { NO_ADAPTER_FIX, releaseWebGpu, startWebGpu } from './session';

/** A lost device (driver reset, GPU removed, out of memory in the driver) leaves pending reads unanswered: stop with a clear error. */
function deviceLost(message: string): void {
  process.stderr.write(
    `error: the GPU device was lost during the run (${message}). Finished trials are kept; run the same command again to resume, or use --backend native to train on the CPU.\n`,
  );
  process.exit(1);
}

function softwareOnly(adapter: AdapterRecord): Unavailable {
  return { ok: false, reason: `only a software adapter (${adapter.description || adapter.device})`, fix: 'a GPU with a Vulkan driver; --backend webgpu runs on the software adapter anyway, slowly' };
}

/** Which adapter WebGPU would get here, asked in a child process (nothing is started in this one). */
export function probeWebGpu(): Probe {
  const dawn = loadDawn();
  if (!dawn.ok) return { ok: false, reason: dawn.reason };
  return probeAdapter(dawn.path);
}

export const webgpu: Candidate = {
  name: 'webgpu',
  label: 'WebGPU (Dawn)',
  async load(_threads, { auto }) {
    const dawn = loadDawn();
    if (!dawn.ok) return dawn;
    if (auto) {
      const probe = probeAdapter(dawn.path);
      if (!probe.ok) return { ok: false, reason: probe.reason, fix: NO_ADAPTER_FIX };
      if (probe.adapter.software) return softwareOnly(probe.adapter);
    }
    const started = await startWebGpu(dawn.dawn, deviceLost);
    if (!started.ok) return started;
    if (auto && started.adapter.software) {
      releaseWebGpu();
      return softwareOnly(started.adapter);
    }
    return {
      ok: true,
      label: `WebGPU on ${adapterLabel(started.adapter)}`,
      detail: { package: '@tensorflow/tfjs-backend-webgpu', version: started.version, dawn: `webgpu ${dawn.version}`, ...adapterDetail(started.adapter) },
      threads: 0,
      // The CPU prepares the next steps while the GPU runs this one; the NaN check sees each loss at most two steps late.
      readDepth: 2,
    };
  },
};
