/** A compiled model's graph as data (the types are libs/spec's model-graph.ts), and its layers' short descriptions. */
import type { BlockCall, ModelGraph } from '@ablate/spec';
import type { ModelSummary } from './model-summary';

/** One value per spatial axis: a single number stands for every axis of a layer of `rank`. */
const axes = (v: unknown, rank = 1) => (Array.isArray(v) ? (v as number[]) : typeof v === 'number' ? new Array<number>(rank).fill(v) : []);
/** `3×3` for a 2-D square window, `3×3×7` for others. */
const windowOf = (v: unknown, rank = 1) => axes(v, rank).join('×');

/** A layer's main parameters, short: a convolution's window, filters and stride, a dense layer's units, a pooling's window. */
export function layerDetail(type: string, p: Record<string, unknown>): string {
  const rank = Number(/([123])d(_transpose)?$/.exec(type)?.[1] ?? 1);
  const parts: string[] = [];
  const kernel = p.kernel ?? p.pool;
  if (kernel !== undefined) parts.push(windowOf(kernel, rank));
  for (const key of ['filters', 'units', 'dim', 'heads'] as const) if (typeof p[key] === 'number') parts.push(String(p[key]));
  const strides = axes(p.strides, rank);
  // A stride other than the window's (pooling strides by its window unless told otherwise).
  if (strides.some((s) => s > 1) && kernel !== undefined && windowOf(strides, rank) !== windowOf(kernel, rank)) parts.push(`/${strides.every((s) => s === strides[0]) ? strides[0] : strides.join('×')}`);
  if (typeof p.groups === 'number' && p.groups > 1) parts.push(`g${p.groups}`);
  if (typeof p.rate === 'number') parts.push(String(p.rate));
  if (p.size !== undefined && kernel === undefined) parts.push(`×${windowOf(p.size, rank) || String(p.size)}`);
  // A layer's own activation (conv2d with activation: relu) reads as a layer joined to it.
  const activation = typeof p.activation === 'string' && p.activation !== 'linear' ? ` + ${p.activation}` : '';
  return parts.join(', ') + activation;
}

export function modelGraph(summary: ModelSummary, blocks: readonly BlockCall[], output: string): ModelGraph {
  return {
    format: 'ablate-graph/1',
    name: summary.name,
    inputShape: [...summary.inputShape],
    nodes: summary.rows.map((r) => ({ id: r.name, type: r.type, detail: r.detail ?? '', shape: [...r.outputShape], params: r.trainable + r.nonTrainable, inputs: r.inputs ?? [] })),
    blocks: [...blocks],
    output,
    params: summary.totalParams,
    macs: summary.macs,
  };
}
