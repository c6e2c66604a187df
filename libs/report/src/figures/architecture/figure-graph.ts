/**
 * What an architecture figure draws, from a model's graph: repeated calls of a block that are
 * built alike are folded into one drawn call marked "×N" (its inside drawn once); at the `blocks`
 * level each block call is one box; normalisation, activation and dropout layers that follow a
 * layer alone join its box ("+ batch_norm + relu") unless every layer is asked for. Edges carry
 * the shape of the tensor they pass; branches and merges (residual adds, concatenations, attention
 * products) stay branches.
 */
import type { BlockCall, GraphNode, ModelGraph } from '@ablate/spec';

export interface FigureOptions {
  /** `layers`: every layer, block calls as frames; `blocks`: a block call is one box. */
  level: 'layers' | 'blocks';
  /** Fold repeated calls built alike into one, "×N". */
  fold: boolean;
  /** Keep normalisation, activation and dropout layers as boxes of their own. */
  everyLayer: boolean;
  /** A line with each box's parameters. */
  params: boolean;
}

export interface FigureNode {
  id: string;
  /** The first line is the title (bold), the rest details. */
  lines: string[];
  /** `continued`: where a wrapped figure's next column (or row) takes the tensor from the last. */
  kind: 'input' | 'layer' | 'block' | 'output' | 'continued';
  /** The frame (a drawn block call) it sits in. */
  cluster?: string;
  /** The parameters of what the box stands for (a folded block: all its calls'). */
  params: number;
}

export interface FigureEdge {
  from: string;
  to: string;
  /** The shape of the tensor it passes, `32×32×16`. */
  label: string;
}

export interface FigureCluster {
  id: string;
  label: string;
}

export interface FigureGraph {
  nodes: FigureNode[];
  edges: FigureEdge[];
  clusters: FigureCluster[];
}

/** Layers drawn inside the box of the layer before them (when it feeds only them). */
const FOLLOWERS = new Set(['batch_norm', 'layer_norm', 'relu', 'relu6', 'leaky_relu', 'prelu', 'elu', 'selu', 'gelu', 'sigmoid', 'tanh', 'swish', 'dropout', 'spatial_dropout']);

export const shapeText = (shape: readonly number[]) => shape.join('×');
const human = (name: string) => name.replace(/_/g, ' ');
const paramsText = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

/** The calls that hold a node, innermost last. */
function callsOf(id: string, calls: readonly BlockCall[]): BlockCall[] {
  return calls.filter((c) => id.startsWith(c.prefix)).sort((a, b) => a.prefix.length - b.prefix.length);
}

/** A call's layers as its wiring and layer kinds, so that calls built alike compare equal. */
function signature(call: BlockCall, nodes: readonly GraphNode[]): string {
  const inside = nodes.filter((n) => n.id.startsWith(call.prefix));
  const local = (id: string) => (id.startsWith(call.prefix) ? id.slice(call.prefix.length) : '·');
  return inside.map((n) => `${local(n.id)}:${n.type}(${n.detail})<${n.inputs.map(local).join(',')}`).join(';');
}

/** Hidden nodes → the node drawn for them (the same layer of the first call of their run). */
function foldRepeats(graph: ModelGraph): { alias: Map<string, string>; counts: Map<string, number> } {
  const alias = new Map<string, string>();
  const counts = new Map<string, number>();
  const repeats = [...new Set(graph.blocks.map((b) => b.repeat).filter((r): r is string => r !== undefined))].sort((a, b) => a.length - b.length);
  for (const repeat of repeats) {
    const calls = graph.blocks.filter((b) => b.repeat === repeat && !alias.has(graph.nodes.find((n) => n.id.startsWith(b.prefix))?.id ?? ''));
    let run: BlockCall | undefined;
    let runSignature = '';
    for (const call of calls) {
      const sig = signature(call, graph.nodes);
      if (run && sig === runSignature) {
        counts.set(run.prefix, (counts.get(run.prefix) ?? 1) + 1);
        for (const n of graph.nodes) if (n.id.startsWith(call.prefix)) alias.set(n.id, run.prefix + n.id.slice(call.prefix.length));
      } else {
        run = call;
        runSignature = sig;
      }
    }
  }
  return { alias, counts };
}

export function figureGraph(graph: ModelGraph, options: FigureOptions): FigureGraph {
  const { alias, counts } = options.fold ? foldRepeats(graph) : { alias: new Map<string, string>(), counts: new Map<string, number>() };
  const resolve = (id: string) => alias.get(id) ?? id;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const shown = graph.nodes.filter((n) => !alias.has(n.id));
  // The drawn call of a node: its outermost call (folded calls are drawn as their run's first).
  const outer = (id: string) => callsOf(id, graph.blocks)[0];
  const callLabel = (call: BlockCall) => `${human(call.block)}${(counts.get(call.prefix) ?? 1) > 1 ? ` ×${counts.get(call.prefix)}` : ''}`;

  // Each drawn node's box: at the blocks level, a call's box stands for all its layers.
  const boxOf = new Map<string, string>();
  for (const n of shown) {
    const call = options.level === 'blocks' ? outer(n.id) : undefined;
    boxOf.set(n.id, call ? call.prefix : n.id);
  }
  // Followers join the box of the layer they follow, when that layer feeds nothing else.
  const consumers = new Map<string, number>();
  for (const n of shown) for (const i of n.inputs) consumers.set(resolve(i), (consumers.get(resolve(i)) ?? 0) + 1);
  const joined = new Map<string, string[]>();
  if (!options.everyLayer) {
    for (const n of shown) {
      const from = n.inputs.length === 1 ? resolve(n.inputs[0]) : undefined;
      if (!from || from === 'input' || !FOLLOWERS.has(n.type) || consumers.get(from) !== 1 || boxOf.get(n.id) !== n.id) continue;
      const target = boxOf.get(from) as string;
      // Into a layer's box of the same frame only (a block call's box holds its followers already).
      if (!byId.has(target) || outer(target)?.prefix !== outer(n.id)?.prefix) continue;
      boxOf.set(n.id, target);
      joined.set(target, [...(joined.get(target) ?? []), n.type]);
    }
  }
  const paramsOf = (box: string) => shown.filter((m) => boxOf.get(m.id) === box).reduce((s, m) => s + m.params, 0);

  const nodes: FigureNode[] = [{ id: 'input', lines: ['input', shapeText(graph.inputShape)], kind: 'input', params: 0 }];
  const seen = new Set<string>();
  for (const n of shown) {
    const box = boxOf.get(n.id) as string;
    if (seen.has(box)) continue;
    seen.add(box);
    if (box !== n.id) {
      // A block call drawn as one box: its name, ×N, and its parameters.
      const call = graph.blocks.find((b) => b.prefix === box) as BlockCall;
      // Every call the box stands for: its run's folded calls map into it.
      const params = graph.nodes.filter((m) => resolve(m.id).startsWith(box)).reduce((sum, m) => sum + m.params, 0);
      nodes.push({ id: box, lines: [callLabel(call), ...(options.params ? [`${paramsText(params)} params`] : [])], kind: 'block', params });
      continue;
    }
    const followers = joined.get(n.id) ?? [];
    const detail = [n.detail, ...followers.map((f) => `+ ${f}`)].filter(Boolean).join(' ');
    const params = paramsOf(n.id);
    const call = options.level === 'layers' ? outer(n.id) : undefined;
    nodes.push({ id: n.id, lines: [n.type, ...(detail ? [detail] : []), ...(options.params && params ? [`${paramsText(params)} params`] : [])], kind: 'layer', params, ...(call ? { cluster: call.prefix } : {}) });
  }
  nodes.push({ id: 'output', lines: ['output', shapeText((byId.get(resolve(graph.output)) ?? { shape: graph.inputShape }).shape)], kind: 'output', params: 0 });

  const boxOfAny = (id: string) => (id === 'input' ? 'input' : (boxOf.get(resolve(id)) as string));
  const edges: FigureEdge[] = [];
  const key = new Set<string>();
  const add = (from: string, to: string, shape: readonly number[]) => {
    if (from === to || key.has(`${from}>${to}`)) return;
    key.add(`${from}>${to}`);
    edges.push({ from, to, label: shapeText(shape) });
  };
  for (const n of shown) {
    for (const i of n.inputs) add(boxOfAny(i), boxOfAny(n.id), i === 'input' ? graph.inputShape : (byId.get(resolve(i)) as GraphNode).shape);
  }
  add(boxOfAny(graph.output), 'output', (byId.get(resolve(graph.output)) ?? { shape: graph.inputShape }).shape);

  const clusters = options.level === 'layers' ? [...new Set(nodes.map((n) => n.cluster).filter((c): c is string => c !== undefined))].map((id) => ({ id, label: callLabel(graph.blocks.find((b) => b.prefix === id) as BlockCall) })) : [];
  return { nodes, edges, clusters };
}
