/**
 * Figures out of vega-lite specs: SVG rendered headless by vega (no browser, no canvas), and PDF
 * converted from that SVG by rsvg-convert (librsvg, Debian's librsvg2-bin): vector, with the
 * fonts embedded as subsets, and no browser. Without rsvg-convert the SVGs are still written and
 * the report says how to get the PDFs.
 */
import { spawnSync } from 'node:child_process';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { measureTextAsDejaVu } from './text-metrics';

measureTextAsDejaVu();

export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** The converter's command (ABLATE_RSVG_CONVERT overrides it, e.g. to test a machine without it). */
const converter = () => process.env.ABLATE_RSVG_CONVERT ?? 'rsvg-convert';

export const PDF_MISSING = 'plots/*.pdf not written: rsvg-convert is not installed (apt-get install librsvg2-bin, or bash tools/setup.sh); the SVGs are.';

/** The PDF of an SVG, or undefined when rsvg-convert is not installed; a failed conversion throws. */
export function svgToPdf(svg: string): Buffer | undefined {
  const run = spawnSync(converter(), ['--format', 'pdf'], { input: svg, maxBuffer: 256 * 1024 * 1024 });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
  if (run.error || run.status !== 0) throw new Error(`rsvg-convert could not convert a plot to PDF: ${run.error?.message ?? run.stderr.toString().trim()}`);
  return run.stdout;
}
