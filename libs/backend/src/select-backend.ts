/**
 * Choosing the compute backend at start-up: the one the experiment or --backend forces, or with
 * `auto` the first that works of tfjs-node-gpu, WebGPU on a hardware GPU, tfjs-node, the native
 * CPU kernels and pure JS. Returns what was chosen and why (a one-line notice, and the record kept
 * in each trial's env); `releaseBackend` frees the GPU at the end so that the process can exit.
 */
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { UserError, type BackendName } from '@ablate/spec';
import type { ConcreteBackend } from './candidate';
import { CANDIDATES } from './candidates';
import { releaseWebGpu } from './webgpu/session';

export interface BackendChoice {
  name: ConcreteBackend;
  label: string;
  /** Threads of the compute kernels (0: the library's own default). */
  threads: number;
  /** Why this one: what was tried before it and why those were skipped (with the fixes). */
  reason: string;
  /** The same, in a few words. */
  summary: string;
  detail: Record<string, string | number | boolean>;
  tfjs: string;
  /** How many training steps may run ahead of reading their loss back (see libs/training's StepReadback). */
  readDepth: number;
}

let current: BackendChoice | undefined;

export async function selectBackend(requested: BackendName = 'auto', options: { threads?: number } = {}): Promise<BackendChoice> {
  if (current && (requested === 'auto' || requested === current.name)) return current;
  const threads = options.threads ?? cpus().length;
  const tried: string[] = [];
  const skipped: string[] = [];
  const order = requested === 'auto' ? CANDIDATES : CANDIDATES.filter((c) => c.name === requested);
  for (const candidate of order) {
    const loaded = await candidate.load(threads, { auto: requested === 'auto' });
    if (loaded.ok) {
      const reason = requested === 'auto' ? (tried.length ? `auto: ${tried.join('; ')}` : 'auto: the fastest available') : `requested (backend: ${requested})`;
      const summary = requested === 'auto' ? (skipped.length ? `auto; unavailable: ${skipped.join(', ')}` : 'auto') : 'requested';
      current = { name: candidate.name, label: loaded.label ?? candidate.label, threads: loaded.threads, reason, summary, detail: loaded.detail, tfjs: tf.version_core, readDepth: loaded.readDepth ?? 0 };
      return current;
    }
    if (requested !== 'auto') {
      throw new UserError(`the backend "${requested}" is not available: ${loaded.reason}.`, { hint: `To enable it: ${loaded.fix}. Or use backend: auto (--backend auto), which falls back to what works.` });
    }
    tried.push(`${candidate.label}: ${loaded.reason} (${loaded.fix})`);
    skipped.push(`${candidate.name} (${loaded.reason.replace(/^@tensorflow\/[\w-]+ /, '')})`);
  }
  throw new Error('no backend could be loaded, not even pure JavaScript');
}

/** Frees what the chosen backend holds outside the JavaScript heap (the GPU device), so that the process can exit. */
export function releaseBackend(): void {
  releaseWebGpu();
  current = undefined;
}

/** "backend: pure JavaScript (tfjs-backend-cpu), 1 thread — auto: ..." */
export function backendNotice(choice: BackendChoice): string {
  if (choice.name === 'webgpu') return `backend: ${choice.label} (${choice.summary})`;
  const threads = choice.threads === 0 ? 'library default threads' : `${choice.threads} thread${choice.threads === 1 ? '' : 's'}`;
  return `backend: ${choice.label}, ${threads} (${choice.summary})`;
}
