/**
 * A trained trial's model in a new process: its plug-ins first (their layer classes registered
 * with tfjs), then model/model.json and weights.bin. ablate's own layer classes are registered by
 * libs/models.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayRelative, loadPlugins, UserError } from '@ablate/spec';
import { loadModel, type LayersModel } from '@ablate/models';

interface RecordedPlugin {
  file: string;
  shown: string;
  sha256: string;
}

/** Loads the model a trial saved, from its folder (results/<experiment>/<trial id>). */
export async function loadTrialModel(trialDir: string): Promise<LayersModel> {
  const model = join(trialDir, 'model');
  if (!existsSync(join(model, 'model.json'))) {
    throw new UserError(`${trialDir} holds no saved model (no model/model.json).`, { hint: 'Give the folder of a finished trial: results/<experiment>/<trial id>.' });
  }
  const env = join(trialDir, 'env.json');
  const plugins = existsSync(env) ? ((JSON.parse(readFileSync(env, 'utf8')) as { plugins?: RecordedPlugin[] }).plugins ?? []) : [];
  for (const plugin of plugins) {
    if (!existsSync(plugin.file)) {
      throw new UserError(`the trial's model needs the plug-in ${plugin.shown}, which is no longer at ${plugin.file}.`, { hint: 'Put the plug-in back where the trial ran it, or load the model where it is.' });
    }
  }
  loadPlugins(plugins.map((p) => ({ file: p.file, shown: displayRelative(process.cwd())(p.file) })));
  return loadModel(model);
}
