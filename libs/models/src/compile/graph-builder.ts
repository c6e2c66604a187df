/**
 * Builds the tfjs graph of a model spec item by item: `if:` switches, `inputs:` wiring, block
 * calls (with their parameters and input facts in scope), repeats over a table, and layers — each
 * layer's parameters evaluated, schema-checked and its output shape checked before the next.
 * Every error names the item's file:line, its YAML path, and the shapes involved.
 */
import {
  BLOCK_INPUT_FACTS,
  childPointer,
  didYouMean,
  displayPath,
  fillDefaults,
  LAYER_CATALOG,
  listOf,
  schemaErrors,
  UserError,
  validatorFor,
  withExtensionDefaults,
  type BlockSpec,
  type GraphItemSpec,
  type LayerType,
  type Locate,
  type Pointer,
  type Scope,
} from '@ablate/spec';
import { LAYERS } from '../layers/register-all';
import { LayerUseError, type Penalty, type WeightInit } from '../layers/layer-impl';
import { formatShape, withoutBatch, type Shape } from '../shape';
import type { SymbolicTensor } from '../tf';
import type { SummaryRow } from '../summary/model-summary';
import type { BlockCall } from '@ablate/spec';
import { layerDetail } from '../summary/model-graph';
import { evaluateFields, type Where } from './evaluate-fields';

/** Where a layer is written, its type and its output shape (without the batch axis). */
export interface LayerWhere extends Where {
  type: string;
  shape: Shape;
}

interface Frame {
  input: SymbolicTensor;
  /** Local names → nodes, in this list only. */
  nodes: Map<string, SymbolicTensor>;
  prev: SymbolicTensor;
  /** Prefix of tfjs names in this frame (`block_1/`). */
  prefix: string;
  counters: Map<string, number>;
  /** " (in block `x` called at model.layers[2])", for messages. */
  context: string;
}

type Item = Record<string, unknown>;

const RESERVED = new Set(['name', 'inputs', 'if']);

export class GraphBuilder {
  readonly rows: SummaryRow[] = [];
  readonly inits: WeightInit[] = [];
  readonly penalties: Penalty[] = [];
  private readonly tfNames = new Set<string>();
  /** The layer that made each output, for errors about the model's output. */
  readonly madeBy = new Map<SymbolicTensor, LayerWhere>();
  private readonly instances = new Map<string, number>();
  /** The node (row name) that made each tensor, for the graph's edges. */
  private readonly producers = new Map<SymbolicTensor, string>();
  /** Each block call by its name prefix (`stage_1/inverted_residual_2/`): the block and the repeat it is part of. */
  readonly blockCalls: BlockCall[] = [];

  constructor(
    private readonly blocks: Record<string, BlockSpec>,
    private readonly seed: number,
    private readonly locate: Locate,
    /** Where the model sits in its document (`/model`). */
    private readonly root: Pointer,
  ) {}

  private where(pointer: Pointer, frame: Frame | undefined, prefer: 'key' | 'value' = 'value'): Where {
    return { at: this.locate(this.root + pointer, prefer), path: displayPath(this.root + pointer) + (frame?.context ?? '') };
  }

  private fail(message: string, pointer: Pointer, frame: Frame | undefined, hint?: string): never {
    throw new UserError(message, { ...this.where(pointer, frame), hint });
  }

  private evaluate(value: unknown, scope: Scope, pointer: Pointer, frame: Frame): unknown {
    return evaluateFields(value, scope, (key) => this.where(key.reduce(childPointer, pointer), frame));
  }

  /** Builds a list of items on `input`; returns the list's output. */
  buildList(items: readonly GraphItemSpec[], pointer: Pointer, scope: Scope, input: SymbolicTensor, prefix: string, context: string, outputs?: string | string[]): SymbolicTensor {
    const frame: Frame = { input, nodes: new Map([['input', input]]), prev: input, prefix, counters: new Map(), context };
    items.forEach((raw, i) => this.item(raw as Item, childPointer(pointer, i), scope, frame));
    if (outputs === undefined) return frame.prev;
    const name = Array.isArray(outputs) ? outputs[0] : outputs;
    return this.node(frame, name, childPointer(pointer, '..'), 'outputs');
  }

  private node(frame: Frame, name: string, pointer: Pointer, what: string): SymbolicTensor {
    const found = frame.nodes.get(name);
    if (found) return found;
    const names = [...frame.nodes.keys()];
    return this.fail(`${what} names "${name}", but no item before it has that name.`, pointer, frame, `${didYouMean(name, names)}Names defined so far in this list: ${listOf(names)}.`);
  }

  private item(item: Item, pointer: Pointer, scope: Scope, frame: Frame): void {
    if (item.if !== undefined) {
      const keep = this.evaluate(item.if, scope, childPointer(pointer, 'if'), frame);
      if (typeof keep !== 'boolean') this.fail(`\`if\` must be true or false, got ${JSON.stringify(keep)}.`, childPointer(pointer, 'if'), frame);
      if (!keep) return;
    }
    const inputs = this.inputsOf(item, pointer, scope, frame);
    const given = item.name === undefined ? undefined : String(this.evaluate(item.name, scope, childPointer(pointer, 'name'), frame));
    let output: SymbolicTensor;
    let local: string;
    if (item.repeat !== undefined) {
      local = given ?? this.autoName(frame, String(item.block));
      output = this.repeat(item, pointer, scope, inputs, frame, local);
    } else if (item.block !== undefined) {
      local = given ?? this.autoName(frame, String(item.block));
      const args = (this.evaluate(item.with ?? {}, scope, childPointer(pointer, 'with'), frame) ?? {}) as Scope;
      output = this.callBlock(String(item.block), args, this.single(inputs, pointer, frame, `block "${String(item.block)}"`), pointer, frame, local);
    } else {
      local = given ?? this.autoName(frame, String(item.type));
      output = this.layer(item, pointer, scope, inputs, frame, local);
    }
    if (frame.nodes.has(local)) this.fail(`the name "${local}" is used twice in this list.`, childPointer(pointer, 'name'), frame, 'Give each item a different name.');
    frame.nodes.set(local, output);
    frame.prev = output;
  }

  private autoName(frame: Frame, base: string): string {
    const n = (frame.counters.get(base) ?? 0) + 1;
    frame.counters.set(base, n);
    return `${base}_${n}`;
  }

  private inputsOf(item: Item, pointer: Pointer, scope: Scope, frame: Frame): SymbolicTensor[] {
    if (item.inputs === undefined) return [frame.prev];
    const raw = this.evaluate(item.inputs, scope, childPointer(pointer, 'inputs'), frame);
    const names = (Array.isArray(raw) ? raw : [raw]).map(String);
    return names.map((name, i) => this.node(frame, name, Array.isArray(raw) ? childPointer(childPointer(pointer, 'inputs'), i) : childPointer(pointer, 'inputs'), '`inputs`'));
  }

  private single(inputs: SymbolicTensor[], pointer: Pointer, frame: Frame, what: string): SymbolicTensor {
    if (inputs.length !== 1) this.fail(`${what} takes one input; \`inputs\` names ${inputs.length}.`, childPointer(pointer, 'inputs'), frame, 'Merge them first with add, multiply or concatenate.');
    return inputs[0];
  }

  private repeat(item: Item, pointer: Pointer, scope: Scope, inputs: SymbolicTensor[], frame: Frame, name: string): SymbolicTensor {
    const table = this.evaluate(item.repeat, scope, childPointer(pointer, 'repeat'), frame);
    const rows: unknown[] = typeof table === 'number' ? Array.from({ length: table }, (_, i) => i) : Array.isArray(table) ? table : this.fail(`\`repeat\` must be a count or a list of rows, got ${JSON.stringify(table)}.`, childPointer(pointer, 'repeat'), frame);
    const columns = item.as === undefined ? [] : Array.isArray(item.as) ? (item.as as string[]) : [String(item.as)];
    let x = this.single(inputs, pointer, frame, 'a repeat');
    let count = 0;
    rows.forEach((row, r) => {
      const bound: Scope = this.bindRow(row, columns, childPointer(childPointer(pointer, 'repeat'), r), frame);
      const rowScope = { ...scope, ...bound, row: r };
      const timesValue = item.times === undefined ? 1 : this.evaluate(item.times, rowScope, childPointer(pointer, 'times'), frame);
      if (typeof timesValue !== 'number' || !Number.isInteger(timesValue) || timesValue < 0) {
        this.fail(`\`times\` must be a whole number >= 0, got ${JSON.stringify(timesValue)} for row ${r}.`, childPointer(pointer, 'times'), frame);
      }
      for (let i = 0; i < timesValue; i++) {
        const args = (this.evaluate(item.with ?? {}, { ...rowScope, i }, childPointer(pointer, 'with'), frame) ?? {}) as Scope;
        x = this.callBlock(String(item.block), args, x, pointer, frame, `${name}_${++count}`, `${frame.prefix}${name}`);
      }
    });
    return x;
  }

  private bindRow(row: unknown, columns: string[], pointer: Pointer, frame: Frame): Scope {
    if (columns.length === 0) return row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as Scope) : {};
    if (columns.length === 1) return { [columns[0]]: row };
    if (!Array.isArray(row) || row.length !== columns.length) {
      this.fail(`row ${JSON.stringify(row)} must have ${columns.length} values, one per name in \`as\` (${columns.join(', ')}).`, pointer, frame);
    }
    return Object.fromEntries(columns.map((c, j) => [c, (row as unknown[])[j]]));
  }

  private callBlock(name: string, args: Scope, input: SymbolicTensor, pointer: Pointer, frame: Frame, local: string, repeat?: string): SymbolicTensor {
    const block = this.blocks[name];
    if (!block) this.fail(`there is no block named "${name}".`, childPointer(pointer, 'block'), frame, `Blocks: ${listOf(Object.keys(this.blocks))}.`);
    const defaults = (block.params ?? {}) as Scope;
    for (const key of Object.keys(args)) {
      if (!(key in defaults)) this.fail(`block "${name}" has no parameter "${key}".`, childPointer(childPointer(pointer, 'with'), key), frame, `${didYouMean(key, Object.keys(defaults))}Its parameters: ${listOf(Object.keys(defaults)) || '(none)'}.`);
    }
    const params = { ...defaults, ...args };
    const missing = Object.keys(params).filter((k) => params[k] === null || params[k] === undefined);
    if (missing.length) this.fail(`block "${name}" needs ${missing.map((m) => `"${m}"`).join(', ')} (no default).`, pointer, frame, 'Set it under `with:`.');
    const shape = withoutBatch(input.shape);
    const facts: Record<keyof typeof BLOCK_INPUT_FACTS, unknown> = { in_shape: shape, in_channels: shape[shape.length - 1] };
    const scope = { ...this.baseScope, ...params, ...facts };
    const context = ` (in block "${name}" at ${displayPath(this.root + pointer)}${frame.context})`;
    this.blockCalls.push({ prefix: `${frame.prefix}${local}/`, block: name, ...(repeat !== undefined ? { repeat } : {}) });
    return this.buildList(block.layers as GraphItemSpec[], `/blocks/${name}/layers`, scope, input, `${frame.prefix}${local}/`, context, block.outputs);
  }

  /** The node (row name) that made a tensor. */
  producerOf(tensor: SymbolicTensor): string | undefined {
    return this.producers.get(tensor);
  }

  /** vars and data: set by the compiler before building. */
  baseScope: Scope = {};

  private layer(item: Item, pointer: Pointer, scope: Scope, inputs: SymbolicTensor[], frame: Frame, local: string): SymbolicTensor {
    const type = String(item.type) as LayerType;
    const impl = LAYERS.get(type);
    if (!impl) this.fail(`unknown layer type "${type}".`, childPointer(pointer, 'type'), frame, `${didYouMean(type, [...LAYERS.keys()])}Available: ${listOf([...LAYERS.keys()])}.`);
    const fields: Item = {};
    for (const [k, v] of Object.entries(item)) if (!RESERVED.has(k)) fields[k] = v;
    const params = this.evaluate(fields, scope, pointer, frame) as Item;
    const validate = validatorFor('layer');
    if (!validate(params)) {
      const [first] = schemaErrors(validate.errors ?? [], (p, prefer) => this.locate(this.root + pointer + p, prefer), this.root + pointer);
      throw new UserError(`${first.message.replace(/\.$/, '')} (after evaluating its expressions).`, { at: first.at, path: (first.path ?? '') + frame.context, hint: first.hint });
    }
    // The schema's defaults, filled here once for built-in and plug-in layers alike: implementations read them as given.
    const builtIn = (LAYER_CATALOG as Record<string, unknown>)[type];
    const filled = builtIn ? fillDefaults(builtIn, params) : withExtensionDefaults('layer', type, params);
    if (impl.arity === 'one' && inputs.length !== 1) this.single(inputs, pointer, frame, `a ${type} layer`);
    const name = this.uniqueName(`${frame.prefix}${local}`);
    const inputShapes: Shape[] = inputs.map((t) => withoutBatch(t.shape));
    const shapes = inputShapes.map(formatShape).join(' and ');
    let built;
    try {
      built = impl.build(filled as never, { name, inputs, inputShapes, seed: this.seed, data: (this.baseScope.data ?? {}) as Record<string, unknown> });
    } catch (error) {
      if (error instanceof UserError) throw error;
      const message = (error as Error).message.replace(/\.$/, '');
      if (error instanceof LayerUseError) this.fail(`this ${type} layer (input ${shapes}) ${message}.`, pointer, frame, error.hint);
      this.fail(`TensorFlow.js cannot build this ${type} layer on input ${shapes}: ${message}.`, pointer, frame, 'Check the layer parameters against the input shape.');
    }
    const out = withoutBatch(built.output.shape);
    if (out.some((d) => d <= 0)) {
      this.fail(`this ${type} layer turns its input ${shapes} into ${formatShape(out)}: the input is too small for its kernel, strides and padding.`, pointer, frame, 'Use a smaller kernel or stride, pad the input (padding: same, or a size), or remove a pooling before it.');
    }
    const count = (weights: { shape: (number | null)[] }[]) => weights.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
    this.rows.push({
      name,
      type,
      detail: layerDetail(type, filled as Record<string, unknown>),
      inputs: inputs.map((t) => this.producers.get(t) ?? 'input'),
      path: displayPath(this.root + pointer),
      outputShape: out,
      trainable: built.layers.reduce((n, l) => n + count(l.trainableWeights), 0),
      nonTrainable: built.layers.reduce((n, l) => n + count(l.nonTrainableWeights), 0),
      macs: built.macs,
    });
    this.inits.push(...built.inits);
    this.penalties.push(...built.penalties);
    this.madeBy.set(built.output, { ...this.where(pointer, frame), type, shape: out });
    this.producers.set(built.output, name);
    return built.output;
  }

  private uniqueName(name: string): string {
    if (!this.tfNames.has(name)) {
      this.tfNames.add(name);
      return name;
    }
    const n = (this.instances.get(name) ?? 1) + 1;
    this.instances.set(name, n);
    return this.uniqueName(`${name}_${n}`);
  }
}
