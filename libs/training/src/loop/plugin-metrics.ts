/**
 * Metrics that plug-ins add: libs/spec's metric registry holds what a metric is (tasks, direction,
 * header); this holds how it is computed, from the whole evaluated set at once.
 */
import type { TaskName } from '@ablate/spec';

export interface MetricInput {
  task: TaskName;
  /** Class indices (classification) or target values (regression). */
  truth: Int32Array | Float32Array;
  /** The predicted class (argmax of the outputs) or value. */
  predicted: Int32Array | Float32Array;
  /** Classification: the model's outputs (logits), one row of `classes` per example. */
  scores?: Float32Array;
  classes: number;
}

export type MetricFunction = (input: MetricInput) => number;

const functions = new Map<string, { tasks: readonly TaskName[]; compute: MetricFunction }>();

export function registerMetricFunction(name: string, tasks: readonly TaskName[], compute: MetricFunction): void {
  if (functions.has(name)) throw new Error(`a metric "${name}" is already registered`);
  functions.set(name, { tasks, compute });
}

export function unregisterMetricFunction(name: string): void {
  functions.delete(name);
}

/** Whether some plug-in metric of this task needs the outputs (scores) kept. */
export function wantsScores(task: TaskName): boolean {
  return task === 'classification' && [...functions.values()].some((f) => f.tasks.includes(task));
}

/** The plug-ins' metrics of this task on one evaluated set. */
export function pluginMetrics(input: MetricInput): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, f] of functions) if (f.tasks.includes(input.task)) out[name] = f.compute(input);
  return out;
}
