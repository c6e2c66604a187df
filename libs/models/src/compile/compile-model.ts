/**
 * Phase "compile": a model spec + facts about the data → a tfjs model with its initial weights and
 * a summary. No data and no training here: a model file can be compiled on its own.
 */
import { displayPath, UserError, type Locate, type ModelSpec, type Pointer } from '@ablate/spec';
import { initializeWeights, type RowVectors } from '../init/initialize-weights';
import type { Penalty } from '../layers/layer-impl';
import { formatShape, withoutBatch, type Shape } from '../shape';
import { summarize, type ModelSummary } from '../summary/model-summary';
import type { ModelGraph } from '@ablate/spec';
import { modelGraph } from '../summary/model-graph';
import { tfl, type LayersModel } from '../tf';
import { factScope, type DataFacts } from '@ablate/spec';
import { evaluateFields } from './evaluate-fields';
import { GraphBuilder, type LayerWhere } from './graph-builder';
import '../custom/register';

export interface CompileOptions {
  /** The trial seed: initial weights and dropout masks derive from it. */
  seed: number;
  /** Resolved `vars` of the trial, for `${vars.x}` left in the model. */
  vars?: Record<string, unknown>;
  /** Positions of the spec's nodes in the user's files (errors point there). */
  locate?: Locate;
  /** Where the model spec sits in its document; `/model` in an experiment. */
  pointer?: Pointer;
  name?: string;
  /** The text dataset's word vectors, for embeddings with `vectors: true`. */
  wordVectors?: RowVectors;
}

export interface CompiledModel {
  model: LayersModel;
  summary: ModelSummary;
  /** L2 penalties the training loss adds. */
  penalties: Penalty[];
  inputShape: Shape;
  inputDtype: 'float32' | 'int32';
  /** The layer that makes the model's output: where it is written, its type and output shape. */
  output: LayerWhere;
  /** The resolved graph, for the architecture figure (graph.json). */
  graph: ModelGraph;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function compileModel(spec: ModelSpec, facts: DataFacts, options: CompileOptions): CompiledModel {
  const root = options.pointer ?? '/model';
  const locate: Locate = options.locate ?? (() => undefined);
  const scope = { vars: options.vars ?? {}, data: factScope(facts) };
  const where = (key: string[]) => ({ at: locate(`${root}/${key.join('/')}`), path: displayPath(`${root}/${key.join('/')}`) });
  const declared = spec.input === undefined ? undefined : (evaluateFields(spec.input, scope, (k) => where(['input', ...k])) as number[]);
  if (declared && !sameShape(declared, facts.input_shape)) {
    throw new UserError(`the model's input ${formatShape(declared)} does not match the data's examples, ${formatShape(facts.input_shape)}.`, {
      ...where(['input']),
      hint: 'Remove `input:` to take the shape from the data, or change the preprocessing.',
    });
  }
  const inputShape = declared ?? facts.input_shape;
  const inputDtype = spec.input_dtype ?? facts.input_dtype ?? 'float32';
  if (Array.isArray(spec.outputs) && spec.outputs.length > 1) {
    throw new UserError('models with several outputs are not supported: training takes one output.', { ...where(['outputs']), hint: 'Name a single output.' });
  }
  const input = tfl.input({ shape: inputShape, dtype: inputDtype, name: 'input' });
  const builder = new GraphBuilder(spec.blocks ?? {}, options.seed, locate, root);
  builder.baseScope = scope;
  const output = builder.buildList(spec.layers, '/layers', scope, input, '', '', spec.outputs);
  const name = options.name ?? 'model';
  const model = tfl.model({ inputs: input, outputs: output, name });
  initializeWeights(builder.inits, options.seed, options.wordVectors);
  const summary = summarize(name, inputShape, withoutBatch(output.shape), builder.rows);
  const madeBy = builder.madeBy.get(output) ?? { ...where(['layers']), type: 'input', shape: withoutBatch(output.shape) };
  const graph = modelGraph(summary, builder.blockCalls, builder.producerOf(output) ?? 'input');
  return { model, summary, penalties: builder.penalties, inputShape, inputDtype, output: madeBy, graph };
}
