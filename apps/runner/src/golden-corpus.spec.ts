/**
 * The golden corpus: every experiment under experiments/ validates and expands, every shared
 * model/dataset file validates on its own, and every file starts with the yaml-language-server
 * comment pointing at an existing schema, so editors complete and check it.
 */
import '@ablate/plugins'; // The plug-in host: experiments that list plug-ins load them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { loadFragment, locate, schemaProblems } from '@ablate/config';
import { describeData, factsOf } from '@ablate/data';
import { compileModel } from '@ablate/models';
import { canonicalJson, planExperiment } from '@ablate/sweep';

const ROOT = join(__dirname, '..', '..', '..');
const EXPERIMENTS = join(ROOT, 'experiments');
const yamlIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : []);
// The benchmarks' experiments are held to the same standard as the users'.
const BENCH_FIXTURES = join(ROOT, 'benchmarks', 'fixtures');
const FRAGMENT_DIRS = { model: join(EXPERIMENTS, 'models'), dataset: join(EXPERIMENTS, 'datasets') } as const;

describe('experiments/ golden corpus', () => {
  const experiments = [...yamlIn(EXPERIMENTS).map((f) => `experiments/${f}`), ...yamlIn(BENCH_FIXTURES).map((f) => `benchmarks/fixtures/${f}`)];

  it('is not empty', () => {
    expect(experiments.length).toBeGreaterThan(0);
  });

  it.each(experiments)('%s validates, expands, and compiles every model it uses', async (file) => {
    const plan = planExperiment(join(ROOT, file), { cwd: ROOT });
    expect(plan.expansion.trials.length).toBeGreaterThan(0);
    await selectBackend('cpu');
    const compiled = new Set<string>();
    for (const trial of plan.expansion.trials) {
      // The facts from the experiment alone, or, for a scene whose size only its files say (an unmixing
      // scene read with `type: hsi`), from the data, which CI has (../shared and data/ beside the clone).
      const facts = describeData(trial.config) ?? (trial.config.dataset.type === 'hsi' ? factsOf(trial.config, { baseDir: dirname(plan.loaded.file), seed: trial.seed }).facts : undefined);
      expect({ file, facts: facts === undefined ? 'not known without reading the data: give dataset.classes' : 'known' }).toEqual({ file, facts: 'known' });
      const key = canonicalJson([trial.config.model, trial.config.vars ?? {}, facts]);
      if (compiled.has(key)) continue;
      compiled.add(key);
      const { model } = compileModel(trial.config.model, facts!, { seed: trial.seed, vars: trial.config.vars, locate: (p, prefer) => locate(plan.loaded.doc.positions, p, prefer) });
      model.dispose();
    }
  });

  const all = [
    ...experiments.map((f) => [join(ROOT, f), 'experiment'] as const),
    ...Object.entries(FRAGMENT_DIRS).flatMap(([kind, dir]) => yamlIn(dir).map((f) => [join(dir, f), kind] as const)),
  ];

  it.each(all)('%s starts with the schema comment for its kind', (file, kind) => {
    const first = readFileSync(file, 'utf8').split('\n')[0];
    const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
    expect(match).not.toBeNull();
    const schema = resolve(dirname(file), (match as RegExpExecArray)[1]);
    expect(schema).toBe(join(ROOT, 'schemas', `${kind}.schema.json`));
  });

  for (const [kind, dir] of Object.entries(FRAGMENT_DIRS) as Array<['model' | 'dataset', string]>) {
    if (yamlIn(dir).length === 0) continue;
    it.each(yamlIn(dir))(`${kind} file %s validates on its own`, (file) => {
      const doc = loadFragment(join(dir, file), kind, { cwd: ROOT });
      expect(schemaProblems(doc.value, doc.positions, kind).map((e) => e.format())).toEqual([]);
    });
  }
});
