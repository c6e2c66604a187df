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

export const PDF_MISSING = 'plots/*.pdf (and the classification maps\' .png) not written: rsvg-convert is not installed (apt-get install librsvg2-bin, or bash tools/setup.sh); the SVGs are.';

function convert(svg: string, args: string[], what: string): Buffer | undefined {
  // SOURCE_DATE_EPOCH: cairo dates the PDF then, not now, so the same figure gives the same bytes.
  const run = spawnSync(converter(), args, { input: svg, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? '0' } });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
  if (run.error || run.status !== 0) throw new Error(`rsvg-convert could not convert a plot to ${what}: ${run.error?.message ?? run.stderr.toString().trim()}`);
  return run.stdout;
}

/** The PDF of an SVG, or undefined when rsvg-convert is not installed; a failed conversion throws. */
export const svgToPdf = (svg: string): Buffer | undefined => convert(svg, ['--format', 'pdf'], 'PDF');

/** A PNG of an SVG at `dpi` (SVG pixels are 1/96 in), or undefined without rsvg-convert. */
export const svgToPng = (svg: string, dpi = 300): Buffer | undefined => convert(svg, ['--format', 'png', '--zoom', String(dpi / 96), '--background-color', 'white'], 'PNG');
