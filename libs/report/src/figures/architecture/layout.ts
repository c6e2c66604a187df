/**
 * Places a figure graph with ELK's layered algorithm (elkjs): boxes sized to their text, edges
 * routed orthogonally around them with their shape labels, folded block calls as frames holding
 * their layers. Units are PostScript points at the figure's natural size; the renderers scale.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { textWidth } from '../text-metrics';
import type { FigureGraph, FigureNode } from './figure-graph';

/** Font sizes (pt): a box's title and details, an edge's shape, a frame's label. */
export const FONT = { title: 8, detail: 7, edge: 6, frame: 7 };
const LINE = 1.25;
const PAD = { x: 5, y: 3 };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedNode extends Rect {
  node: FigureNode;
}

export interface PlacedEdge {
  points: Array<{ x: number; y: number }>;
  label?: Rect & { text: string };
}

export interface Placed {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  frames: Array<Rect & { label: string }>;
}

export function boxSize(node: FigureNode): { width: number; height: number } {
  const widths = node.lines.map((line, i) => textWidth(line, i === 0 ? FONT.title : FONT.detail, i === 0));
  const height = node.lines.reduce((h, _, i) => h + (i === 0 ? FONT.title : FONT.detail) * LINE, 0);
  return { width: Math.ceil(Math.max(...widths) + 2 * PAD.x), height: Math.ceil(height + 2 * PAD.y) };
}

async function layoutOne(graph: FigureGraph, direction: 'TB' | 'LR'): Promise<Placed> {
  const leaf = (n: FigureNode): ElkNode => ({ id: n.id, ...boxSize(n) });
  const children: ElkNode[] = [
    ...graph.nodes.filter((n) => !n.cluster).map(leaf),
    ...graph.clusters.map((c) => ({
      id: c.id,
      layoutOptions: { 'elk.padding': `[top=${FONT.frame * 1.6 + 4},left=6,bottom=6,right=6]` },
      children: graph.nodes.filter((n) => n.cluster === c.id).map(leaf),
    })),
  ];
  const edges: ElkExtendedEdge[] = graph.edges.map((e, i) => ({
    id: `e${i}`,
    sources: [e.from],
    targets: [e.to],
    labels: [{ text: e.label, width: Math.ceil(textWidth(e.label, FONT.edge)) + 2, height: Math.ceil(FONT.edge * LINE) }],
  }));
  const elk = new ELK();
  const root: ElkNode = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction === 'TB' ? 'DOWN' : 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '14',
      'elk.spacing.nodeNode': '10',
      'elk.spacing.edgeLabel': '1',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.padding': '[top=2,left=2,bottom=2,right=2]',
    },
    children,
    edges,
  });

  // ELK gives positions relative to the parent node, and an edge's points relative to its container.
  const offset = new Map<string, { x: number; y: number }>([['root', { x: 0, y: 0 }]]);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const placed: Placed = { width: root.width ?? 0, height: root.height ?? 0, nodes: [], edges: [], frames: [] };
  const walk = (parent: ElkNode, at: { x: number; y: number }) => {
    for (const child of parent.children ?? []) {
      const x = at.x + (child.x ?? 0);
      const y = at.y + (child.y ?? 0);
      offset.set(child.id, { x, y });
      const node = byId.get(child.id);
      if (node) placed.nodes.push({ node, x, y, width: child.width ?? 0, height: child.height ?? 0 });
      else placed.frames.push({ x, y, width: child.width ?? 0, height: child.height ?? 0, label: graph.clusters.find((c) => c.id === child.id)?.label ?? '' });
      walk(child, { x, y });
    }
  };
  walk(root, { x: 0, y: 0 });
  const allEdges = (node: ElkNode): ElkExtendedEdge[] => [...(node.edges ?? []), ...(node.children ?? []).flatMap(allEdges)];
  for (const edge of allEdges(root)) {
    const at = offset.get((edge as ElkExtendedEdge & { container?: string }).container ?? 'root') ?? { x: 0, y: 0 };
    const section = edge.sections?.[0];
    if (!section) continue;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: at.x + p.x, y: at.y + p.y }));
    const label = edge.labels?.[0];
    placed.edges.push({ points, ...(label?.text ? { label: { text: label.text, x: at.x + (label.x ?? 0), y: at.y + (label.y ?? 0), width: label.width ?? 0, height: label.height ?? 0 } } : {}) });
  }
  return placed;
}

/** Gap between the columns (or rows) of a wrapped figure, where the connecting arrows run. */
const WRAP_GAP = 26;

/**
 * Where the node sequence may be cut: after position i when every edge that crosses leaves node i
 * (one tensor goes on: to the next layer, and perhaps around it to a merge), and no frame is split.
 */
function cutPoints(graph: FigureGraph): number[] {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const cuts: number[] = [];
  for (let i = 0; i < graph.nodes.length - 1; i++) {
    const crossing = graph.edges.filter((e) => (index.get(e.from) as number) <= i && (index.get(e.to) as number) > i);
    const [a, b] = [graph.nodes[i], graph.nodes[i + 1]];
    if (crossing.length > 0 && crossing.every((e) => e.from === a.id) && (a.cluster === undefined || a.cluster !== b.cluster)) cuts.push(i);
  }
  return cuts;
}

/** Nodes from..to-1; a piece after a cut starts with a small box standing for the tensor that comes in, feeding what the cut node fed. */
function part(graph: FigureGraph, from: number, to: number): FigureGraph {
  const nodes = graph.nodes.slice(from, to);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  if (from > 0) {
    const cut = graph.nodes[from - 1].id;
    const incoming = graph.edges.filter((e) => e.from === cut && ids.has(e.to));
    nodes.unshift({ id: continuation(cut), lines: [incoming[0]?.label ?? ''], kind: 'continued', params: 0 });
    edges.unshift(...incoming.map((e) => ({ from: continuation(cut), to: e.to, label: '' })));
  }
  return { nodes, edges, clusters: graph.clusters.filter((c) => nodes.some((n) => n.cluster === c.id)) };
}

const continuation = (id: string) => `${id}::continued`;

/**
 * Lays the figure out; one longer than `maxLength` along its direction is cut where a single
 * edge joins its two halves and set in columns (TB) or rows (LR), an arrow running from the end of
 * each to the start of the next: a long network fits a page instead of running off it.
 */
export async function layout(graph: FigureGraph, direction: 'TB' | 'LR', maxLength = Infinity): Promise<Placed> {
  const whole = await layoutOne(graph, direction);
  const tb = direction === 'TB';
  const along = (r: { x: number; y: number }) => (tb ? r.y : r.x);
  const length = tb ? whole.height : whole.width;
  const cuts = cutPoints(graph);
  const pieces = Math.min(cuts.length + 1, Math.ceil(length / maxLength));
  if (pieces <= 1) return whole;
  // Cut nearest to equal lengths, measured on the uncut layout.
  const start = new Map(whole.nodes.map((n) => [n.node.id, along(n)]));
  const chosen: number[] = [];
  for (let j = 1; j < pieces; j++) {
    const target = (j * length) / pieces;
    const free = cuts.filter((c) => c > (chosen[chosen.length - 1] ?? -1));
    const best = free.reduce((a, b) => (Math.abs((start.get(graph.nodes[b + 1].id) ?? 0) - target) < Math.abs((start.get(graph.nodes[a + 1].id) ?? 0) - target) ? b : a), free[0]);
    if (best !== undefined) chosen.push(best);
  }
  const bounds = [0, ...chosen.map((c) => c + 1), graph.nodes.length];
  const parts = await Promise.all(bounds.slice(0, -1).map((b, j) => layoutOne(part(graph, b, bounds[j + 1]), direction)));
  const placed: Placed = { width: 0, height: 0, nodes: [], edges: [], frames: [] };
  let across = 0;
  // Room before and after the pieces for the arrows' turns.
  const margin = 8;
  const shift = (dx: number, dy: number) => <T extends { x: number; y: number }>(r: T): T => ({ ...r, x: r.x + dx, y: r.y + dy });
  for (const p of parts) {
    const move = tb ? shift(across, margin) : shift(margin, across);
    placed.nodes.push(...p.nodes.map(move));
    placed.frames.push(...p.frames.map(move));
    placed.edges.push(...p.edges.map((e) => ({ points: e.points.map(move), ...(e.label ? { label: move(e.label) } : {}) })));
    across += (tb ? p.width : p.height) + WRAP_GAP;
  }
  placed.width = tb ? across - WRAP_GAP : Math.max(...parts.map((p) => p.width)) + 2 * margin;
  placed.height = tb ? Math.max(...parts.map((p) => p.height)) + 2 * margin : across - WRAP_GAP;
  // The arrows between the pieces: out of the last box, through the gap, into the next piece's first box.
  const box = new Map(placed.nodes.map((n) => [n.node.id, n]));
  for (const c of chosen) {
    const [a, b] = [box.get(graph.nodes[c].id), box.get(continuation(graph.nodes[c].id))];
    if (!a || !b) continue;
    const points = tb
      ? (() => {
          const gap = a.x + a.width + (b.x - a.x - a.width) / 2;
          const [x0, y0, x1, y1] = [a.x + a.width / 2, a.y + a.height, b.x + b.width / 2, b.y];
          return [{ x: x0, y: y0 }, { x: x0, y: y0 + 6 }, { x: gap, y: y0 + 6 }, { x: gap, y: y1 - 6 }, { x: x1, y: y1 - 6 }, { x: x1, y: y1 }];
        })()
      : (() => {
          const gap = a.y + a.height + (b.y - a.y - a.height) / 2;
          const [x0, y0, x1, y1] = [a.x + a.width, a.y + a.height / 2, b.x, b.y + b.height / 2];
          return [{ x: x0, y: y0 }, { x: x0 + 6, y: y0 }, { x: x0 + 6, y: gap }, { x: x1 - 6, y: gap }, { x: x1 - 6, y: y1 }, { x: x1, y: y1 }];
        })();
    // The shape is written in the box the arrow ends in.
    placed.edges.push({ points });
  }
  return placed;
}
