/**
 * Prints the GPU adapter WebGPU gets on this machine (asked in a child process, as auto-selection
 * does) and what the machine offers it; exits 1 when there is none, 2 when it is a software one.
 * Used by tools/gpu-check.sh.   npx tsx tools/gpu-adapter.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { probeWebGpu } from '@ablate/backend';

function vulkanDrivers(): string[] {
  const dirs = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];
  return dirs.filter(existsSync).flatMap((d) => readdirSync(d).map((f) => `${d}/${f}`));
}

function loader(): string {
  try {
    return execFileSync('/sbin/ldconfig', ['-p'], { encoding: 'utf8' }).includes('libvulkan.so.1') ? 'libvulkan.so.1 found' : 'libvulkan.so.1 NOT found (apt-get install libvulkan1)';
  } catch {
    return 'unknown (no ldconfig)';
  }
}

const probe = probeWebGpu();
console.log(`vulkan loader: ${loader()}`);
console.log(`vulkan drivers (ICDs): ${vulkanDrivers().join(', ') || 'none'}`);
if (!probe.ok) {
  console.log(`adapter: none: ${probe.reason}`);
  console.log("fix: install the Vulkan loader and your GPU's Vulkan driver (NVIDIA: the proprietary driver ships nvidia_icd.json; AMD/Intel: mesa-vulkan-drivers >= 25 from bookworm-backports)");
  process.exit(1);
}
const a = probe.adapter;
console.log(`adapter: ${a.description || a.device} (vendor ${a.vendor}, architecture ${a.architecture || 'unknown'}, device ${a.device || 'unknown'}, largest tensor ${Math.floor(a.maxBinding / 2 ** 20)} MiB)`);
if (a.software) {
  console.log('adapter is a software (CPU) implementation: its speed says nothing about a GPU.');
  process.exit(2);
}
