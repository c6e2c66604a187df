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
  /** reproducible: strict (see the experiment schema). */
  strict: boolean;
}

let current: BackendChoice | undefined;

/** The backends whose results can be made the same on every x86-64 machine (reproducible: strict). */
const STRICT_BACKENDS: readonly ConcreteBackend[] = ['native', 'cpu'];

export async function selectBackend(requested: BackendName = 'auto', options: { threads?: number; strict?: boolean } = {}): Promise<BackendChoice> {
  const strict = options.strict === true;
  if (current && current.strict === strict && (requested === 'auto' || requested === current.name)) return current;
  if (strict && requested !== 'auto' && !STRICT_BACKENDS.includes(requested)) {
    throw new UserError(`reproducible: strict cannot run on the backend "${requested}": GPUs and libtensorflow choose their kernels by device, so their results differ between machines.`, {
      hint: 'Use backend: native (or auto, which picks it under strict), or leave reproducible at default.',
    });
  }
  // Strict runs use a fixed thread count, 1 unless given: results depend on how work is split between threads.
  const threads = options.threads ?? (strict ? 1 : cpus().length);
  const tried: string[] = [];
  const skipped: string[] = [];
  const order = CANDIDATES.filter((c) => (requested === 'auto' ? !strict || STRICT_BACKENDS.includes(c.name) : c.name === requested));
  for (const candidate of order) {
    const loaded = await candidate.load(threads, { auto: requested === 'auto', strict });
    if (loaded.ok) {
      const reason = requested === 'auto' ? (tried.length ? `auto: ${tried.join('; ')}` : 'auto: the fastest available') : `requested (backend: ${requested})`;
      const auto = requested === 'auto' ? (skipped.length ? `auto; unavailable: ${skipped.join(', ')}` : 'auto') : 'requested';
      const summary = strict ? `${auto}; reproducible: strict${loaded.detail.isa_ceiling ? `, oneDNN capped at ${loaded.detail.isa_ceiling}` : ''}` : auto;
      const detail = strict ? { ...loaded.detail, reproducible: 'strict' } : loaded.detail;
      current = { name: candidate.name, label: loaded.label ?? candidate.label, threads: loaded.threads, reason, summary, detail, tfjs: tf.version_core, readDepth: loaded.readDepth ?? 0, strict };
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
