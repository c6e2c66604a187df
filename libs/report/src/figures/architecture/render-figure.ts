/**
 * A placed architecture figure as SVG (and through it PDF), as TikZ (a standalone document and a
 * fragment to \input in a paper, pdflatex with TeX Live's pgf only) and as draw.io XML (mxGraph)
 * for finishing by hand. The same coordinates in each: what the paper shows is what the SVG shows.
 */
import { FONT, type Placed, type PlacedNode } from './layout';

const KIND_FILL: Record<PlacedNode['node']['kind'], string> = { input: '#eeeeee', output: '#eeeeee', layer: '#e8f0fb', block: '#fdf1dc', continued: '#ffffff' };
const STROKE = '#4d4d4d';
const f = (v: number) => Number(v.toFixed(2)).toString();

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Each line's baseline in a box: the title, then the details. */
function baselines(n: PlacedNode): number[] {
  const sizes = n.node.lines.map((_, i) => (i === 0 ? FONT.title : FONT.detail));
  const total = sizes.reduce((a, b) => a + b * 1.25, 0);
  let y = n.y + (n.height - total) / 2;
  return sizes.map((size) => (y += size * 1.25) - size * 0.3);
}

export function architectureSvg(placed: Placed, font: string): string {
  const out: string[] = [];
  for (const frame of placed.frames) {
    out.push(`<rect x="${f(frame.x)}" y="${f(frame.y)}" width="${f(frame.width)}" height="${f(frame.height)}" rx="4" fill="#fafafa" stroke="#999" stroke-dasharray="3 2" stroke-width="0.6"/>`);
    out.push(`<text x="${f(frame.x + 5)}" y="${f(frame.y + FONT.frame + 2)}" font-size="${FONT.frame}" font-style="italic" fill="#333">${xml(frame.label)}</text>`);
  }
  for (const edge of placed.edges) {
    out.push(`<polyline points="${edge.points.map((p) => `${f(p.x)},${f(p.y)}`).join(' ')}" fill="none" stroke="${STROKE}" stroke-width="0.7" marker-end="url(#arrow)"/>`);
    if (edge.label) out.push(`<text x="${f(edge.label.x + 1)}" y="${f(edge.label.y + edge.label.height - 1.5)}" font-size="${FONT.edge}" fill="#555">${xml(edge.label.text)}</text>`);
  }
  for (const n of placed.nodes) {
    const continued = n.node.kind === 'continued';
    out.push(`<rect x="${f(n.x)}" y="${f(n.y)}" width="${f(n.width)}" height="${f(n.height)}" rx="2.5" fill="${KIND_FILL[n.node.kind]}" stroke="${STROKE}" stroke-width="0.7"${continued ? ' stroke-dasharray="2 1.5"' : ''}/>`);
    baselines(n).forEach((y, i) => {
      const weight = i === 0 && !continued ? ' font-weight="bold"' : '';
      out.push(`<text x="${f(n.x + n.width / 2)}" y="${f(y)}" font-size="${i === 0 ? FONT.title : FONT.detail}" text-anchor="middle"${weight} fill="#111">${xml(n.node.lines[i])}</text>`);
    });
  }
  const { width, height } = placed;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${f(width)}pt" height="${f(height)}pt" viewBox="0 0 ${f(width)} ${f(height)}" font-family="${font}">`,
    '<defs><marker id="arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="5" markerHeight="5" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#4d4d4d"/></marker></defs>',
    `<rect width="${f(width)}" height="${f(height)}" fill="white"/>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}

/** LaTeX-safe text: the shapes' × as \times, underscores and the other specials escaped. */
function tex(s: string): string {
  return s
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([#$%&_{}])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}')
    .replace(/×/g, '$\\times$');
}

const TIKZ_COLOURS = ['\\definecolor{ablatelayer}{HTML}{E8F0FB}', '\\definecolor{ablateblock}{HTML}{FDF1DC}', '\\definecolor{ablateio}{HTML}{EEEEEE}', '\\definecolor{ablateframe}{HTML}{FAFAFA}'];
const TIKZ_FILL: Record<PlacedNode['node']['kind'], string> = { input: 'ablateio', output: 'ablateio', layer: 'ablatelayer', block: 'ablateblock', continued: 'white' };

/** The tikzpicture (y grows down in the layout, up in TikZ). */
function tikzPicture(placed: Placed): string {
  const at = (x: number, y: number) => `(${f(x)}pt,${f(-y)}pt)`;
  const lines: string[] = ['\\begin{tikzpicture}[>={Stealth[length=3pt,width=2.4pt]}, line width=0.5pt]'];
  for (const frame of placed.frames) {
    lines.push(`\\draw[dashed, rounded corners=3pt, draw=black!45, fill=ablateframe] ${at(frame.x, frame.y)} rectangle ${at(frame.x + frame.width, frame.y + frame.height)};`);
    lines.push(`\\node[anchor=north west, inner sep=0pt, font=\\fontsize{${FONT.frame}}{${FONT.frame + 1}}\\selectfont\\itshape] at ${at(frame.x + 5, frame.y + 2)} {${tex(frame.label)}};`);
  }
  for (const edge of placed.edges) {
    lines.push(`\\draw[->, draw=black!75] ${edge.points.map((p) => at(p.x, p.y)).join(' -- ')};`);
    if (edge.label) lines.push(`\\node[anchor=north west, inner sep=0pt, text=black!70, font=\\fontsize{${FONT.edge}}{${FONT.edge + 1}}\\selectfont] at ${at(edge.label.x + 1, edge.label.y)} {${tex(edge.label.text)}};`);
  }
  for (const n of placed.nodes) {
    const [title, ...rest] = n.node.lines;
    const text = [n.node.kind === 'continued' ? tex(title) : `\\textbf{${tex(title)}}`, ...rest.map((l) => `{\\fontsize{${FONT.detail}}{${FONT.detail + 1}}\\selectfont ${tex(l)}}`)].join('\\\\');
    lines.push(
      `\\node[draw=black!75,${n.node.kind === 'continued' ? ' dashed,' : ''} fill=${TIKZ_FILL[n.node.kind]}, rounded corners=2pt, align=center, inner sep=0pt, minimum width=${f(n.width)}pt, minimum height=${f(n.height)}pt, font=\\fontsize{${FONT.title}}{${FONT.title + 1.5}}\\selectfont] at ${at(n.x + n.width / 2, n.y + n.height / 2)} {${text}};`,
    );
  }
  lines.push('\\end{tikzpicture}');
  return lines.join('\n');
}

/**
 * The fragment for \input inside a figure: scaled down to \linewidth when wider (never up), with
 * the colours it needs. Needs \usepackage{tikz}\usetikzlibrary{arrows.meta} and graphicx.
 */
export function architectureTikz(placed: Placed): { fragment: string; standalone: string } {
  const picture = tikzPicture(placed);
  const fragment = [
    '% Made by ablate figure. Needs \\usepackage{tikz}, \\usetikzlibrary{arrows.meta} and \\usepackage{graphicx}.',
    ...TIKZ_COLOURS,
    `\\resizebox{\\ifdim${f(placed.width)}pt>\\linewidth\\linewidth\\else${f(placed.width)}pt\\fi}{!}{%`,
    picture,
    '}',
    '',
  ].join('\n');
  const standalone = ['\\documentclass[tikz, border=2pt]{standalone}', '\\usetikzlibrary{arrows.meta}', ...TIKZ_COLOURS, '\\begin{document}', picture, '\\end{document}', ''].join('\n');
  return { fragment, standalone };
}

/** draw.io (diagrams.net) XML: boxes, frames and edges with their bends, editable by hand. */
export function architectureDrawio(placed: Placed, name: string): string {
  const cells: string[] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];
  const idOf = new Map(placed.nodes.map((n, i) => [n.node.id, `n${i}`]));
  placed.frames.forEach((frame, i) => {
    cells.push(`<mxCell id="f${i}" value="${xml(frame.label)}" style="rounded=1;dashed=1;fillColor=#fafafa;strokeColor=#999999;verticalAlign=top;align=left;spacingLeft=4;fontStyle=2;fontSize=${FONT.frame};" vertex="1" parent="1"><mxGeometry x="${f(frame.x)}" y="${f(frame.y)}" width="${f(frame.width)}" height="${f(frame.height)}" as="geometry"/></mxCell>`);
  });
  for (const n of placed.nodes) {
    const [title, ...rest] = n.node.lines;
    const value = xml([`<b>${xml(title)}</b>`, ...rest.map(xml)].join('<br>'));
    cells.push(`<mxCell id="${idOf.get(n.node.id)}" value="${value}" style="rounded=1;whiteSpace=wrap;html=1;arcSize=12;fillColor=${KIND_FILL[n.node.kind]};strokeColor=${STROKE};fontSize=${FONT.title};" vertex="1" parent="1"><mxGeometry x="${f(n.x)}" y="${f(n.y)}" width="${f(n.width)}" height="${f(n.height)}" as="geometry"/></mxCell>`);
  }
  placed.edges.forEach((edge, i) => {
    const from = placed.nodes.find((n) => near(n, edge.points[0]));
    const to = placed.nodes.find((n) => near(n, edge.points[edge.points.length - 1]));
    const ends = `${from ? ` source="${idOf.get(from.node.id)}"` : ''}${to ? ` target="${idOf.get(to.node.id)}"` : ''}`;
    const bends = edge.points.slice(1, -1).map((p) => `<mxPoint x="${f(p.x)}" y="${f(p.y)}"/>`).join('');
    const [first, last] = [edge.points[0], edge.points[edge.points.length - 1]];
    cells.push(
      `<mxCell id="e${i}" value="${xml(edge.label?.text ?? '')}" style="edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;endArrow=classic;endSize=4;fontSize=${FONT.edge};fontColor=#555555;labelBackgroundColor=#ffffff;" edge="1" parent="1"${ends}><mxGeometry relative="1" as="geometry"><mxPoint x="${f(first.x)}" y="${f(first.y)}" as="sourcePoint"/><mxPoint x="${f(last.x)}" y="${f(last.y)}" as="targetPoint"/>${bends ? `<Array as="points">${bends}</Array>` : ''}</mxGeometry></mxCell>`,
    );
  });
  return [
    '<mxfile host="ablate">',
    `<diagram name="${xml(name)}" id="architecture">`,
    `<mxGraphModel dx="${f(placed.width)}" dy="${f(placed.height)}" grid="0" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" math="0" shadow="0">`,
    '<root>',
    ...cells,
    '</root>',
    '</mxGraphModel>',
    '</diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}

/** Whether a point lies on a box's border (an edge's end). */
function near(n: PlacedNode, p: { x: number; y: number }): boolean {
  const e = 1.5;
  return p.x >= n.x - e && p.x <= n.x + n.width + e && p.y >= n.y - e && p.y <= n.y + n.height + e;
}
