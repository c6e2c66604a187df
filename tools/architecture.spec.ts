/**
 * The dependency direction of ../shared/DESIGN.md, enforced: which library may import which,
 * only through its index, which may load TensorFlow.js, and no import cycles between files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** lib → the libs it may import. `spec` is the leaf that holds the language's types and UserError. */
const ALLOWED: Record<string, string[]> = {
  spec: [],
  config: ['spec'],
  sweep: ['spec', 'config'],
  data: ['spec'],
  models: ['spec'],
  backend: ['spec'],
  metrics: [],
  training: ['spec', 'models', 'data', 'backend', 'metrics'],
  report: ['spec', 'metrics'],
  pipeline: ['spec', 'config', 'sweep', 'data', 'models', 'backend', 'metrics', 'training', 'report'],
  // The plug-in API and host: registers a plug-in's components with the libraries that use them.
  plugins: ['spec', 'models', 'data', 'training'],
};
/** Projects that may load TensorFlow.js (validate, expand, report and metrics never do). */
const TFJS = new Set(['models', 'backend', 'training', 'pipeline', 'plugins']);

/** Library sources: not tests, and not `testing/` helpers (which only tests import). */
function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  // Type-only imports count too: the direction holds for types as for code.
  return [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const libs = readdirSync(join(ROOT, 'libs')).filter((d) => existsSync(join(ROOT, 'libs', d, 'src', 'index.ts')));

describe('architecture', () => {
  it('knows every library', () => {
    expect(libs.filter((l) => !(l in ALLOWED))).toEqual([]);
  });

  it.each(libs)('libs/%s imports only the libraries it may, through their index', (lib) => {
    const wrong: string[] = [];
    for (const file of sources(join(ROOT, 'libs', lib, 'src'))) {
      for (const spec of imports(file)) {
        const where = relative(ROOT, file);
        const match = /^@ablate\/([^/]+)(\/.*)?$/.exec(spec);
        if (match) {
          if (match[2]) wrong.push(`${where}: deep import ${spec}`);
          if (!ALLOWED[lib].includes(match[1])) wrong.push(`${where}: may not import @ablate/${match[1]}`);
        }
        if (spec.startsWith('@tensorflow/') && !TFJS.has(lib)) wrong.push(`${where}: may not load TensorFlow.js (${spec})`);
        if (spec.startsWith('.') && !resolve(dirname(file), spec).startsWith(join(ROOT, 'libs', lib))) wrong.push(`${where}: reaches outside its library (${spec})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycles between files', () => {
    const files = [...libs.flatMap((l) => sources(join(ROOT, 'libs', l, 'src'))), ...sources(join(ROOT, 'apps'))];
    const resolveLocal = (from: string, spec: string) => {
      const base = resolve(dirname(from), spec);
      return [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
    };
    const graph = new Map(files.map((f) => [f, imports(f).filter((s) => s.startsWith('.')).map((s) => resolveLocal(f, s)).filter((f): f is string => !!f)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, stack: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(file)), file].map((f) => relative(ROOT, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...stack, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
