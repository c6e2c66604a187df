/**
 * Choosing the compute backend at start-up: the one the experiment or --backend forces, or with
 * `auto` the first that works of tfjs-node-gpu, tfjs-node, the native CPU kernels and pure JS.
 * Returns what was chosen and why (a one-line notice, and the record kept in each trial's env).
 */
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { UserError, type BackendName } from '@ablate/spec';
import { CANDIDATES, type ConcreteBackend } from './candidates';

export interface BackendChoice {
  name: ConcreteBackend;
  label: string;
  /** Threads of the compute kernels (0: the library's own default). */
  threads: number;
  /** Why this one: what was tried before it and why those were skipped (with the fixes). */
  reason: string;
  /** The same, in a few words. */
  summary: string;
  detail: Record<string, string | number>;
  tfjs: string;
}

let current: BackendChoice | undefined;

export async function selectBackend(requested: BackendName = 'auto', options: { threads?: number } = {}): Promise<BackendChoice> {
  if (current && (requested === 'auto' || requested === current.name)) return current;
  const threads = options.threads ?? cpus().length;
  const tried: string[] = [];
  const skipped: string[] = [];
  const order = requested === 'auto' ? CANDIDATES : CANDIDATES.filter((c) => c.name === requested);
  for (const candidate of order) {
    const loaded = await candidate.load(threads);
    if (loaded.ok) {
      const reason = requested === 'auto' ? (tried.length ? `auto: ${tried.join('; ')}` : 'auto: the fastest available') : `requested (backend: ${requested})`;
      const summary = requested === 'auto' ? (skipped.length ? `auto; unavailable: ${skipped.join(', ')}` : 'auto') : 'requested';
      current = { name: candidate.name, label: candidate.label, threads: loaded.threads, reason, summary, detail: loaded.detail, tfjs: tf.version_core };
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

/** "backend: pure JavaScript (tfjs-backend-cpu), 1 thread — auto: ..." */
export function backendNotice(choice: BackendChoice): string {
  const threads = choice.threads === 0 ? 'library default threads' : `${choice.threads} thread${choice.threads === 1 ? '' : 's'}`;
  return `backend: ${choice.label}, ${threads} (${choice.summary})`;
}
