/**
 * Asks Dawn, in a short-lived child process, which adapter a high-performance request would get.
 * Auto-selection does this before it starts WebGPU in-process: on a machine without a GPU Dawn
 * prints Vulkan loader warnings on stderr (and a broken driver may even crash), which must not
 * reach the output of a run that will go on on the CPU anyway. About 0.3 s.
 */
import { spawnSync } from 'node:child_process';
import { adapterRecord, type AdapterRecord } from './adapter';

const SCRIPT = `
const { create } = require(process.argv[1]);
create([]).requestAdapter({ powerPreference: 'high-performance' }).then(
  (a) => { process.stdout.write(JSON.stringify(a ? { found: true, info: { vendor: a.info.vendor, architecture: a.info.architecture, device: a.info.device, description: a.info.description, isFallbackAdapter: a.info.isFallbackAdapter }, limits: { maxStorageBufferBindingSize: a.limits.maxStorageBufferBindingSize } } : { found: false })); },
  (e) => { process.stdout.write(JSON.stringify({ found: false, error: String(e && e.message || e) })); },
);
`;

export type Probe = { ok: true; adapter: AdapterRecord } | { ok: false; reason: string };

export function probeAdapter(dawnPath: string, timeoutMs = 60_000): Probe {
  const run = spawnSync(process.execPath, ['-e', SCRIPT, dawnPath], { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  if (run.error) return { ok: false, reason: `the WebGPU adapter probe did not finish (${run.error.message})` };
  let answer: { found: boolean; info?: Parameters<typeof adapterRecord>[0]; limits?: Record<string, number>; error?: string };
  try {
    answer = JSON.parse(run.stdout);
  } catch {
    const said = run.stderr.trim().split('\n').filter(Boolean).pop();
    return { ok: false, reason: `the WebGPU adapter probe ${run.signal ? `was killed by ${run.signal}` : `exited with status ${run.status}`}${said ? ` (${said})` : ''}` };
  }
  if (!answer.found || !answer.info) return { ok: false, reason: answer.error ? `Dawn found no adapter: ${answer.error}` : 'no GPU adapter (Vulkan found no device)' };
  return { ok: true, adapter: adapterRecord(answer.info, answer.limits ?? {}) };
}
