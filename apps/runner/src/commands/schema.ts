/**
 * `ablate schema`: the JSON Schemas of the language with an experiment's plug-in components in
 * them, for the editor (VS Code's YAML extension completes and checks plug-in layers, losses and
 * datasets like built-ins). Only the load phase runs: the experiment need not be valid yet.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadExperiment } from '@ablate/config';
import { schemaDocuments, writing } from '@ablate/spec';
import { parseOptions } from '../cli/options';
import { EXPERIMENT_OPTIONS, type Command } from './command';

const options = {
  experiment: EXPERIMENT_OPTIONS.experiment,
  out: { type: 'string', description: "Folder to write experiment.schema.json, model.schema.json, dataset.schema.json and layer.schema.json into (default: .schemas beside the experiment)." },
  help: EXPERIMENT_OPTIONS.help,
} as const;

export const schemaCommand: Command = {
  name: 'schema',
  summary: "Writes the JSON Schemas of the language with the experiment's plug-in components, for editor completion.",
  options,
  async run(argv, io) {
    const opts = parseOptions('schema', options, argv);
    const loaded = loadExperiment(opts.experiment as string);
    const out = resolve((opts.out as string | undefined) ?? join(dirname(loaded.file), '.schemas'));
    writing(out, () => {
      mkdirSync(out, { recursive: true });
      for (const [file, document] of Object.entries(schemaDocuments())) writeFileSync(join(out, file), JSON.stringify(document, null, 2) + '\n');
    });
    const components = loaded.plugins.flatMap((p) => p.components);
    io.out(`wrote the schemas${components.length ? ` with ${components.join(', ')}` : ''} to ${relative(process.cwd(), out) || '.'}/\n`);
    io.out(`first line of ${loaded.display} for VS Code's YAML extension:\n# yaml-language-server: $schema=${relative(dirname(loaded.file), join(out, 'experiment.schema.json'))}\n`);
    return 0;
  },
};
