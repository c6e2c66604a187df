import { UserError } from '@ablate/spec';
import { loadBinding } from './native/binding';
import { nativeEnabled } from './native/register-native';
import { backendNotice, releaseBackend, selectBackend } from './select-backend';
import { probeWebGpu } from './webgpu/webgpu-candidate';

const native = loadBinding().ok;
const gpu = probeWebGpu();
const hardwareGpu = gpu.ok && !gpu.adapter.software;

afterAll(() => releaseBackend());

describe('selectBackend', () => {
  it('picks the fastest available backend and says why the faster ones were skipped', async () => {
    const choice = await selectBackend('auto');
    expect(choice.name).toBe(hardwareGpu ? 'webgpu' : native ? 'native' : 'cpu');
    expect(choice.reason).toMatch(/@tensorflow\/tfjs-node-gpu is not installed/);
    if (hardwareGpu) return;
    expect(choice.reason).toMatch(/@tensorflow\/tfjs-node is not installed/);
    expect(backendNotice(choice)).toMatch(
      native
        ? /^backend: native CPU kernels \(oneDNN\), \d+ threads? \(auto; unavailable: tensorflow-gpu \(is not installed\), webgpu \(.+\), tensorflow \(is not installed\)\)$/
        : /^backend: pure JavaScript \(tfjs-backend-cpu\), 1 thread \(auto; unavailable: .*native \(/,
    );
  });

  it('never picks a software GPU by itself, and says so', async () => {
    if (!gpu.ok || !gpu.adapter.software) return expect(hardwareGpu || !gpu.ok).toBe(true);
    const choice = await selectBackend('auto');
    expect(choice.name).not.toBe('webgpu');
    expect(choice.reason).toMatch(/WebGPU \(Dawn\): only a software adapter \(llvmpipe|lavapipe|swiftshader/i);
  });

  it('refuses a forced backend that is not installed, naming the fix', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(UserError);
    await expect(selectBackend('tensorflow')).rejects.toThrow(/"tensorflow" is not available: @tensorflow\/tfjs-node is not installed/);
  });

  it('forces pure JavaScript, taking the native kernels out', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect(nativeEnabled()).toBe(false);
  });
});

describe('the WebGPU adapter probe', () => {
  it('reports a machine without a Vulkan driver as a reason, not an error, and keeps Dawn\'s warnings off the output', () => {
    const saved = process.env.VK_ICD_FILENAMES;
    process.env.VK_ICD_FILENAMES = '/nonexistent/icd.json';
    try {
      const probe = probeWebGpu();
      expect(probe.ok).toBe(false);
      if (!probe.ok) expect(probe.reason).toMatch(/no GPU adapter|webgpu package \(Dawn\) is not installed/);
    } finally {
      if (saved === undefined) delete process.env.VK_ICD_FILENAMES;
      else process.env.VK_ICD_FILENAMES = saved;
    }
  });
});
