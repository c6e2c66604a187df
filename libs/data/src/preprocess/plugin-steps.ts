/**
 * Preprocessing steps of plug-ins, for separate examples: fitted (when they fit anything) on the
 * training part as the steps before them left it, then applied to every batch. Their fitted form
 * is data too (`{ type: 'plugin', name, params, state }`), applied by the same plug-in wherever it
 * is loaded (a trial, `predict`, an exported model's loader that bundles it).
 */
export interface PluginStep {
  /** One example's shape after the step (default: unchanged). */
  shape?(params: Record<string, unknown>, shape: readonly number[]): number[];
  /** What the step learns from the fitting examples, streamed in chunks of n examples (flat, channels last); JSON. */
  fit?(params: Record<string, unknown>, examples: (visit: (x: Float32Array, n: number) => void) => void, shape: readonly number[]): unknown;
  /** n examples (flat, channels last) through the step; may change `x` in place. */
  apply(params: Record<string, unknown>, state: unknown, x: Float32Array, n: number, shape: readonly number[]): Float32Array;
}

const steps = new Map<string, PluginStep>();

export function registerPreprocessing(name: string, step: PluginStep): void {
  if (steps.has(name)) throw new Error(`a preprocessing step "${name}" is already registered`);
  steps.set(name, step);
}

export function pluginStep(name: string): PluginStep | undefined {
  return steps.get(name);
}
