/**
 * `ablate export`: a finished trial (chosen as `predict` chooses one) as a folder that a plain Node.js program uses without ablate:
 * the TensorFlow.js model (model.json, weights.bin), the preprocessing as fitted in training and the
 * class names (preprocessing.json), and ablate-model.cjs, a loader bundled with esbuild that
 * registers ablate's layer classes (and the trial's plug-ins') and prepares raw examples. With
 * --onnx, also the model as ONNX (model.onnx) for ONNX Runtime and the tools that read ONNX.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { prepareData } from '@ablate/data';
import { toOnnx, withStandardLayers } from '@ablate/models';
import { loadTrialModel } from '@ablate/plugins';
import { taskOf, UserError, writing } from '@ablate/spec';
import { parseOptions } from '../cli/options';
import { EXPERIMENT_OPTIONS, type Command } from './command';
import { resultsDirOf } from './experiment-report';
import { planWithData } from './plan';
import { chooseTrial, TRIAL_OPTIONS } from './choose-trial';

const ROOT = join(__dirname, '..', '..', '..', '..');
const STANDALONE = join(ROOT, 'libs', 'pipeline', 'src', 'export', 'standalone.ts');

const options = {
  ...EXPERIMENT_OPTIONS,
  ...TRIAL_OPTIONS,
  out: { type: 'string', required: true, description: 'The folder to write (created; files in it are replaced).' },
  onnx: { type: 'boolean', description: 'Also write the model as ONNX (model.onnx, opset 13): its input is a batch of prepared examples, channels last.' },
} as const;

/** The loader, bundled: ablate's code and the plug-ins' inside, TensorFlow.js from the program's own node_modules. */
function bundle(plugins: readonly string[]): string {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const entry = [
    `export * from ${JSON.stringify(STANDALONE)};`,
    `import { registerPluginClasses } from ${JSON.stringify(STANDALONE)};`,
    ...plugins.map((p, i) => `import * as plugin${i} from ${JSON.stringify(p)};\nregisterPluginClasses(plugin${i}.default ?? plugin${i}.plugin ?? plugin${i});`),
  ].join('\n');
  const result = esbuild.buildSync({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts', sourcefile: 'ablate-model-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@tensorflow/*'],
    tsconfig: join(ROOT, 'tsconfig.json'),
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return `// Made by \`ablate export\`: loads this folder's model with ablate's layer classes registered and prepares raw inputs (docs/export.md).\n${result.outputFiles[0].text}`;
}

export const exportCommand: Command = {
  name: 'export',
  summary: "Writes a finished trial as a folder a plain Node.js program loads with TensorFlow.js alone: the model, its fitted preprocessing and a loader.",
  options,
  async run(argv, io) {
    const opts = parseOptions('export', options, argv);
    const plan = planWithData(opts.experiment as string, { set: opts.set });
    const trial = chooseTrial(plan, opts);
    const prepared = prepareData(trial.config, { baseDir: dirname(plan.loaded.file), seed: trial.seed });
    if (!prepared.fitted) throw new UserError(`\`export\` writes models of trials on examples (images, tables, arrays); this trial's data is ${prepared.kind === 'scene' ? 'a scene' : 'texts'}.`, { hint: 'Load the trial folder with loadTrialModel (docs/plugins.md) instead.' });
    const trialDir = join(resultsDirOf(plan), trial.id);
    const out = resolve(opts.out as string);
    const info = {
      format: 'ablate-export/1',
      experiment: plan.expansion.name,
      trial: trial.id,
      classNames: prepared.classNames,
      input: prepared.fitted.input,
      steps: prepared.fitted.steps,
      output: ({ classification: 'logits', regression: 'values', image_to_image: 'images' } as const)[taskOf(trial.config)],
    };
    const env = JSON.parse(readFileSync(join(trialDir, 'env.json'), 'utf8')) as { plugins?: Array<{ file: string }> };
    const plugins = (env.plugins ?? []).map((p) => p.file).filter((f) => existsSync(f));
    const loader = bundle(plugins);
    // Only the weights' values and the layers' shapes are read: the JavaScript backend does, wherever it runs.
    await selectBackend('cpu');
    const model = await loadTrialModel(trialDir);
    const saved = JSON.parse(readFileSync(join(trialDir, 'model', 'model.json'), 'utf8')) as { modelTopology: Record<string, unknown> };
    const standard = withStandardLayers(saved.modelTopology, model);
    const onnx = opts.onnx ? await toOnnx(model, { name: `${plan.expansion.name}/${trial.id}`, properties: { ablate_experiment: plan.expansion.name, ablate_trial: trial.id, class_names: JSON.stringify(prepared.classNames) } }) : undefined;
    model.dispose();
    // Plain TensorFlow.js loads model.json without the loader when no class of ablate's or of a plug-in is left.
    Object.assign(info, { customLayers: [...standard.custom, ...(plugins.length ? ['(the plug-ins\' layer classes)'] : [])] });
    if (onnx) Object.assign(info, { onnx: { file: 'model.onnx', input: onnx.input, output: onnx.output } });
    writing(out, () => {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'model.json'), JSON.stringify({ ...saved, modelTopology: standard.topology }));
      copyFileSync(join(trialDir, 'model', 'weights.bin'), join(out, 'weights.bin'));
      writeFileSync(join(out, 'preprocessing.json'), JSON.stringify(info, null, 1) + '\n');
      writeFileSync(join(out, 'ablate-model.cjs'), loader);
      if (onnx) writeFileSync(join(out, 'model.onnx'), onnx.bytes);
    });
    io.out(`trial ${trial.id} exported to ${relative(process.cwd(), out) || '.'}/: model.json, weights.bin, preprocessing.json (${info.steps.length} fitted step(s), ${info.classNames.length} classes), ablate-model.cjs${onnx ? ', model.onnx' : ''}\n`);
    return 0;
  },
};
