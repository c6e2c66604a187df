/**
 * Architecture figures of the reference networks, checked for what they draw: folded repeats
 * (×N), branches joining at merges, tensor shapes on the edges, parameters that add up to the
 * model's, wrapping of a long network; `ablate figure` writing its five files; and the report's
 * `architecture` plot from a trial's graph.json.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { loadFragment } from '@ablate/config';
import { compileModel } from '@ablate/models';
import { architectureFigure, figureGraph } from '@ablate/report';
import type { DataFacts, ModelGraph, ModelSpec } from '@ablate/spec';
import { cli } from './testing/cli';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'apps', 'runner', 'fixtures', 'tiny', 'fmnist-tiny.yaml');
const hasFashionMnist = existsSync('/usr/share/datasets/fashion-mnist');

function graphOf(file: string, facts: DataFacts, vars: Record<string, unknown> = {}): { graph: ModelGraph; total: number } {
  const compiled = compileModel(loadFragment(join(ROOT, 'experiments', 'models', file), 'model').value as unknown as ModelSpec, facts, { seed: 1, vars, pointer: '' });
  compiled.model.dispose();
  return { graph: compiled.graph, total: compiled.summary.totalParams };
}

const options = { level: 'layers', fold: true, everyLayer: false, params: false } as const;

describe('an architecture figure', () => {
  beforeAll(() => selectBackend('cpu'));

  it('of ResNet-18 frames each residual block, folds the two alike, joins each branch at its add and puts shapes on the edges', () => {
    const { graph } = graphOf('resnet-18.yaml', { classes: 10, input_shape: [96, 96, 1] });
    const figure = figureGraph(graph, options);
    expect(figure.clusters.map((c) => c.label)).toEqual(['residual ×2', 'residual', 'residual', 'residual', 'residual', 'residual', 'residual']);
    const adds = figure.nodes.filter((n) => n.lines[0] === 'add');
    expect(adds).toHaveLength(7);
    // Each add takes the block's main path and its shortcut (the input, or a 1x1 projection): two edges in.
    for (const add of adds) expect(figure.edges.filter((e) => e.to === add.id)).toHaveLength(2);
    // Batch norm and ReLU join the convolution's box.
    expect(figure.nodes.find((n) => n.id === 'conv2d_1')?.lines).toEqual(['conv2d', '7×7, 64, /2 + batch_norm + relu']);
    expect(new Set(figure.edges.map((e) => e.label))).toEqual(new Set(['96×96×1', '48×48×64', '24×24×64', '12×12×128', '6×6×256', '3×3×512', '512', '10']));
    const unfolded = figureGraph(graph, { ...options, fold: false, everyLayer: true });
    expect(unfolded.clusters).toHaveLength(8);
    expect(unfolded.nodes.filter((n) => n.kind === 'layer')).toHaveLength(graph.nodes.length);
  });

  it('of MobileNetV2 in blocks folds each stage after its first call, and its boxes hold every parameter once', () => {
    const { graph, total } = graphOf('mobilenet-v2-cifar.yaml', { classes: 10, input_shape: [32, 32, 3] });
    const figure = figureGraph(graph, { ...options, level: 'blocks', params: true });
    expect(figure.nodes.map((n) => n.lines[0])).toEqual([
      'input', 'conv2d', 'inverted residual', 'inverted residual', 'inverted residual', 'inverted residual', 'inverted residual ×2', 'inverted residual', 'inverted residual ×3',
      'inverted residual', 'inverted residual ×2', 'inverted residual', 'inverted residual ×2', 'inverted residual', 'conv2d', 'global_avg_pool', 'dense', 'output',
    ]);
    expect(figure.nodes.reduce((s, n) => s + n.params, 0)).toBe(total);
  });

  it('of a long network is cut where one tensor goes on and set in columns no taller than asked', async () => {
    const { graph } = graphOf('resnet-18.yaml', { classes: 10, input_shape: [96, 96, 1] });
    const long = await architectureFigure(graph, { maxLength: 0 });
    const wrapped = await architectureFigure(graph, { maxLength: 600 });
    expect(long.placed.nodes.some((n) => n.node.kind === 'continued')).toBe(false);
    const continued = wrapped.placed.nodes.filter((n) => n.node.kind === 'continued');
    expect(continued.length).toBeGreaterThan(0);
    expect(wrapped.placed.height).toBeLessThan(long.placed.height / 2);
    // What goes on is named by its shape; every box of the uncut figure is drawn once.
    expect(continued.map((n) => n.node.lines[0]).every((l) => /^\d+(×\d+)*$/.test(l))).toBe(true);
    expect(wrapped.placed.nodes.length - continued.length).toBe(long.placed.nodes.length);
  });
});

describe('ablate figure', () => {
  it('writes SVG, PDF, TikZ (standalone and fragment) and draw.io for a model file, and says how it fits a column', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ablate-figure-'));
    const run = await cli(['figure', '--model', join(ROOT, 'experiments', 'models', 'sentence-cnn.yaml'), '--input-shape', '50', '--classes', '2', '--vocab-size', '1000', '--out', out]);
    expect(run.err).toBe('');
    expect(run.out).toMatch(/sentence-cnn\.svg(, \.pdf)?, \.tex, -fragment\.tex, \.drawio: 11 boxes, \d+ × \d+ pt/);
    const svg = readFileSync(join(out, 'sentence-cnn.svg'), 'utf8');
    for (const text of ['embedding', 'concatenate', '50×100', '+ dropout']) expect(svg).toContain(`>${text}<`);
    expect(readFileSync(join(out, 'sentence-cnn.tex'), 'utf8')).toMatch(/^\\documentclass\[tikz, border=2pt\]\{standalone\}[\s\S]*\\begin\{tikzpicture\}[\s\S]*\\end\{document\}\n$/);
    expect(readFileSync(join(out, 'sentence-cnn-fragment.tex'), 'utf8')).toContain('\\resizebox{\\ifdim');
    const drawio = readFileSync(join(out, 'sentence-cnn.drawio'), 'utf8');
    // 11 boxes and the 3 n-gram frames.
    expect(drawio.match(/vertex="1"/g)).toHaveLength(11 + 3);
    expect(drawio.match(/edge="1"/g)?.length).toBeGreaterThanOrEqual(9);
  });

  it('refuses an unknown level, naming the choices', async () => {
    const run = await cli(['figure', '--model', join(ROOT, 'experiments', 'models', 'lenet.yaml'), '--input-shape', '28,28,1', '--classes', '10', '--level', 'stages']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('--level stages is not one of layers, blocks.');
  });
});

(hasFashionMnist ? describe : describe.skip)(`the report's architecture plot${hasFashionMnist ? '' : ' (skipped: Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist)'}`, () => {
  it("draws each row's network from its trial's graph.json", async () => {
    const results = mkdtempSync(join(tmpdir(), 'ablate-architecture-plot-'));
    const run = await cli(['exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--set', 'training.epochs=1', '--set', 'report.plots=[{type: architecture, params: true}]']);
    expect(run.err).toBe('');
    const svg = readFileSync(join(results, 'fmnist-tiny', 'plots', 'architecture.svg'), 'utf8');
    for (const text of ['flatten', 'dense', '16 + relu + dropout', '784']) expect(svg).toContain(`>${text}<`);
  }, 120000);
});
