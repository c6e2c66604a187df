/**
 * A model's architecture figure from its graph (graph.json, or a model compiled by `ablate figure`):
 * folded and joined as asked, laid out by ELK, written as SVG, TikZ and draw.io.
 */
import type { ModelGraph } from '@ablate/spec';
import { CONFIG } from '../style';
import { figureGraph, type FigureOptions } from './figure-graph';
import { layout, type Placed } from './layout';
import { architectureDrawio, architectureSvg, architectureTikz } from './render-figure';

export interface ArchitectureOptions extends FigureOptions {
  direction: 'TB' | 'LR';
  /** The longest (pt) the figure runs along its direction before it wraps into columns (TB) or rows (LR). */
  maxLength: number;
}

export interface ArchitectureFigure {
  svg: string;
  tikz: { fragment: string; standalone: string };
  drawio: string;
  /** Natural size in points, and the boxes drawn (for tests and messages). */
  placed: Placed;
}

export const ARCHITECTURE_DEFAULTS: ArchitectureOptions = { level: 'layers', fold: true, everyLayer: false, params: false, direction: 'TB', maxLength: 600 };

export async function architectureFigure(graph: ModelGraph, options: Partial<ArchitectureOptions> = {}): Promise<ArchitectureFigure> {
  const o = { ...ARCHITECTURE_DEFAULTS, ...options };
  const placed = await layout(figureGraph(graph, o), o.direction, o.maxLength > 0 ? o.maxLength : Infinity);
  return { svg: architectureSvg(placed, CONFIG.font), tikz: architectureTikz(placed), drawio: architectureDrawio(placed, graph.name), placed };
}
