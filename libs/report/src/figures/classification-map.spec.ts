/**
 * The classification map figure from SYNTHETIC trial folders (a 3x4 scene, 3 classes, two variants
 * x three seeds): which seed it shows, the colours of the pixels inside the embedded PNGs, the
 * legend in class order, and the labelled-only option.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { writeNpy } from '@ablate/data';
import { reportWithDefaults, type ReportSpec } from '@ablate/spec';
import { collectResults, type TrialInfo } from '../collect';
import { buildTable } from '../table';
import { chooseFigures } from './choose';
import { CLASS_PALETTE } from './class-colours';

const TRUTH = [0, 0, 1, -1, 0, 1, 1, 2, -1, 2, 2, 2];
const CLASSES = ['Grass', 'Road', 'Roof'];

function fixture(dir: string): TrialInfo[] {
  const trials: TrialInfo[] = [];
  for (const variant of ['Small', 'Large']) {
    for (const [seed, oa] of [[1, 0.7], [2, 0.9], [3, 0.8]]) {
      const id = `${variant}-${seed}`;
      trials.push({ id, index: trials.length, variant, grid: [], seed });
      mkdirSync(join(dir, id), { recursive: true });
      writeFileSync(join(dir, id, 'metrics.json'), JSON.stringify({ status: 'done', test: { oa }, test_per_class: { classes: CLASSES, f1: [oa, oa, oa], recall: [oa, oa, oa], precision: [oa, oa, oa] } }));
      // Every pixel predicted as class (seed - 1) by the Small CNN, (seed + 1) % 3 by the Large one.
      const k = variant === 'Small' ? seed - 1 : (seed + 1) % 3;
      writeFileSync(join(dir, id, 'prediction_map.npy'), writeNpy({ shape: [3, 4], data: new Int16Array(12).fill(k) }));
      writeFileSync(join(dir, id, 'ground_truth_map.npy'), writeNpy({ shape: [3, 4], data: Int16Array.from(TRUTH) }));
    }
  }
  return trials;
}

/** The colours of the pixels of an embedded PNG (RGB, filter 0, as encodePng writes), one per scene pixel. */
function pixels(dataUri: string): string[] {
  const png = Buffer.from(dataUri, 'base64');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const raw = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
  const factor = width / 4;
  expect(height / 3).toBe(factor);
  const hex = (o: number) => `#${[0, 1, 2].map((i) => raw[o + i].toString(16).padStart(2, '0')).join('').toUpperCase()}`;
  return Array.from({ length: 12 }, (_, p) => hex(Math.floor(p / 4) * factor * (1 + 3 * width) + 1 + (p % 4) * factor * 3));
}

describe('classification map', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-maps-'));
  const rows = collectResults(dir, fixture(dir));
  const draw = (plots: ReportSpec['plots'], extra: ReportSpec = {}) => {
    const spec: ReportSpec = { columns: [{ metric: 'test.oa', label: 'OA (%)', scale: 100, precision: 1 }], plots, ...extra };
    const table = buildTable(rows, { title: 'maps', report: spec, gridPaths: [], hasVariants: true });
    return chooseFigures({ rows, table, report: reportWithDefaults(spec), by: ['variant'], title: 'CNNs on a scene', folders: true }).drawn;
  };

  it('shows the ground truth, then each variant by its median seed, the legend in class order', () => {
    const [figure] = draw(['classification_map']);
    expect(figure.name).toBe('classification_map');
    const captions = [...figure.svg.matchAll(/text-anchor="middle" fill="#222">([^<]*)</g)].map((m) => m[1]);
    const details = [...figure.svg.matchAll(/font-size="9" text-anchor="middle" fill="#444">([^<]*)</g)].map((m) => m[1]);
    expect(captions).toEqual(['Ground truth', 'Small', 'Large']);
    expect(details).toEqual(['10 labelled', 'OA 80.0%', 'OA 80.0%']);
    expect([...figure.svg.matchAll(/class="legend-label"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual([...CLASSES, 'unlabelled']);
    const [truth, small, large] = [...figure.svg.matchAll(/base64,([^"]+)"/g)].map((m) => pixels(m[1]));
    expect(truth).toEqual(TRUTH.map((k) => (k < 0 ? '#000000' : CLASS_PALETTE[k])));
    // The median seed (3, OA 0.8): class 2 for the Small CNN, class 1 for the Large one, at every pixel.
    expect(small).toEqual(new Array(12).fill(CLASS_PALETTE[2]));
    expect(large).toEqual(new Array(12).fill(CLASS_PALETTE[1]));
    const subtitle = [...figure.svg.matchAll(/font-size="10" fill="#444">([^<]*)</g)].map((m) => m[1]).join(' ');
    expect(subtitle).toBe('3 × 4 pixels, 10 labelled (black: unlabelled). Every pixel predicted, by the seed with the median OA of each row.');
  });

  it('shows only the labelled pixels, in the experiment’s colours, when asked', () => {
    const [figure] = draw([{ type: 'classification_map', pixels: 'labelled', colours: ['#112233', '#445566'] }]);
    const [, small] = [...figure.svg.matchAll(/base64,([^"]+)"/g)].map((m) => pixels(m[1]));
    // Given colours for the first two classes, the palette's third for the rest.
    expect(small).toEqual(TRUTH.map((k) => (k < 0 ? '#000000' : CLASS_PALETTE[2])));
    expect([...figure.svg.matchAll(/class="legend-swatch"[^>]*fill="(#[0-9A-Fa-f]+)"/g)].map((m) => m[1])).toEqual(['#112233', '#445566', CLASS_PALETTE[2], '#000000']);
  });

  it('is left out when no trial wrote a map', () => {
    const plain = mkdtempSync(join(tmpdir(), 'ablate-nomaps-'));
    mkdirSync(join(plain, 't0'));
    writeFileSync(join(plain, 't0', 'metrics.json'), JSON.stringify({ status: 'done', test: { oa: 0.5 } }));
    const noMaps = collectResults(plain, [{ id: 't0', index: 0, grid: [], seed: 1 }]);
    const table = buildTable(noMaps, { title: 'x', report: {}, gridPaths: [], hasVariants: false });
    expect(chooseFigures({ rows: noMaps, table, report: reportWithDefaults({}), by: [], title: 'x', folders: true }).drawn).toEqual([]);
  });
});
