/**
 * tf.variableGrads with the memory of a backward pass freed as it goes.
 *
 * tfjs's engine.gradients keeps every intermediate gradient, every temporary of the gradient
 * functions and every tensor saved for the backward pass until the whole backward pass has ended:
 * a training step's peak holds the forward activations and all their gradients at once
 * (MobileNetV2, batch 64: 4.9 GB against PyTorch's 1.7 GB). PyTorch frees a node's saved tensors
 * and its outputs' gradients as soon as the node's backward has run. This walk does the same over
 * tfjs's own tape: the same nodes (those from the variables to the loss, as tfjs filters them),
 * the same gradient functions, the same accumulation by `add` in the same order, so the gradients
 * are the same bits; only the moments tensors are disposed change:
 *  - a node's gradient functions run in a scope of their own, whose temporaries go when the
 *    node's input gradients are out;
 *  - once a node's backward has run, the gradients of its outputs are complete and nothing else
 *    reads them: each is disposed unless it is a variable's gradient (returned) or the same tensor
 *    is also the gradient of another tensor (a gradient function may return its dy unchanged);
 *  - its saved tensors (the engine's private clones) are disposed too, unless one of them was
 *    returned as a gradient; the engine disposes the rest of the tape's saved tensors at the end,
 *    as engine.gradients does.
 *  - an Add saves nothing in its forward pass: tfjs's gradient of Add keeps both inputs only to
 *    read their shapes (so a convolution's output stayed alive for a bias gradient that is a sum
 *    of dy: 220 MB of HybridSN's step), and the walk takes the shapes from the tape instead,
 *    with tfjs's own ops (sum over the broadcast axes, reshape).
 * Higher-order gradients (a gradient taken inside another) are not supported here: tf.variableGrads
 * is used for those. Written from tfjs-core 4.22's engine.gradients and tape.ts (Apache-2.0).
 */
import * as tf from '@tensorflow/tfjs-core';

interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  gradient?: (dys: Array<tf.Tensor | null>) => Record<string, () => tf.Tensor>;
  saved?: tf.Tensor[];
}

/**
 * tfjs's gradient of Add (gradients/Add_grad.ts) for the input of `shape` of an Add whose output
 * has `outShape`: dy summed over the axes the input was broadcast along, reshaped to the input.
 */
function addGradient(dy: tf.Tensor, shape: number[], outShape: number[]): tf.Tensor {
  const axes = tf.broadcast_util.getReductionAxes(shape, outShape);
  return tf.reshape(axes.length > 0 ? tf.sum(dy, axes) : dy, shape);
}

/** Runs `f` with Add's gradient saving none of its inputs (the walk below computes it from shapes). */
function withShapeOnlyAdd<T>(f: () => T): T {
  const original = tf.getGradient('Add');
  tf.registerGradient({
    kernelName: 'Add',
    inputsToSave: [],
    gradFunc: () => {
      throw new Error('leanVariableGrads: an Add recorded without its inputs reached a gradient other than its own walk.');
    },
  });
  try {
    return f();
  } finally {
    tf.registerGradient(original);
  }
}

/** The engine's members that engine.gradients uses (not in tfjs's public types). */
interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  startTape(): void;
  endTape(): void;
  tidy<T extends tf.TensorContainer>(name: string, f: () => T): T;
}

/** The nodes on a path from one of `xs` to `y`, in tape order, their inputs pruned to those that depend on `xs` (tfjs's getFilteredNodesXToY). */
function nodesFromXsToY(tape: readonly TapeNode[], xs: readonly tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX = new Set(xs.map((x) => x.id));
  const nodesFromX = new Set<number>();
  for (const node of tape) {
    if (Object.values(node.inputs).some((input) => fromX.has(input.id))) {
      for (const o of node.outputs) fromX.add(o.id);
      nodesFromX.add(node.id);
    }
  }
  const toY = new Set([y.id]);
  const nodesToY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i];
    if (node.outputs.some((o) => toY.has(o.id))) {
      for (const input of Object.values(node.inputs)) toY.add(input.id);
      if (Object.keys(node.inputs).length > 0) nodesToY.add(node.id);
    }
  }
  return tape
    .filter((node) => nodesFromX.has(node.id) && nodesToY.has(node.id))
    .map((node) => ({ ...node, inputs: Object.fromEntries(Object.entries(node.inputs).filter(([, input]) => fromX.has(input.id))) }));
}

/** Gradients of tensors by id, with how many ids each gradient tensor is the value of. */
class GradientMap {
  private readonly byId = new Map<number, tf.Tensor>();
  private readonly uses = new Map<tf.Tensor, number>();

  get(id: number): tf.Tensor | undefined {
    return this.byId.get(id);
  }

  set(id: number, gradient: tf.Tensor): void {
    const old = this.byId.get(id);
    if (old) this.uses.set(old, (this.uses.get(old) as number) - 1);
    this.byId.set(id, gradient);
    this.uses.set(gradient, (this.uses.get(gradient) ?? 0) + 1);
  }

  /** Forgets the gradient of `id`; true when no other id has the same tensor. */
  release(id: number): tf.Tensor | undefined {
    const gradient = this.byId.get(id);
    if (!gradient) return undefined;
    this.byId.delete(id);
    const left = (this.uses.get(gradient) as number) - 1;
    this.uses.set(gradient, left);
    return left === 0 ? gradient : undefined;
  }

  holds(tensor: tf.Tensor): boolean {
    return (this.uses.get(tensor) ?? 0) > 0;
  }
}

function checkGradient(node: TapeNode, name: string, dx: tf.Tensor): void {
  if (dx.dtype !== 'float32') throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input ${name} must have 'float32' dtype, but has '${dx.dtype}'`);
  const x = node.inputs[name];
  if (!tf.util.arraysEqual(dx.shape, x.shape)) throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input '${name}' has shape '${dx.shape}', which does not match the shape of the input '${x.shape}'`);
}

/** engine.gradients(f, xs, null, allowNoGradients = true), freeing the backward pass's memory as it goes. */
function leanGradients(f: () => tf.Scalar, xs: readonly tf.Variable[]): { value: tf.Scalar; grads: Array<tf.Tensor | undefined> } {
  const engine = tf.engine() as unknown as EngineInternals;
  if (engine.state.gradientDepth > 0) throw new Error('leanVariableGrads cannot run inside another gradient');
  const y = withShapeOnlyAdd(() =>
    engine.scopedRun(
      () => engine.startTape(),
      () => engine.endTape(),
      () => engine.tidy('forward', f),
    ),
  );
  if (!(y instanceof tf.Tensor)) throw new Error('The result y returned by f() must be a tensor.');
  const tape = engine.state.activeTape ?? [];
  const nodes = nodesFromXsToY(tape, xs, y);
  const returned = new Set(xs.map((x) => x.id));
  return engine.tidy('backward', () => {
    const grads = new GradientMap();
    grads.set(y.id, tf.ones(y.shape));
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i];
      const dys = node.outputs.map((o) => grads.get(o.id) ?? null);
      if (!node.gradient) throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
      const gradient = node.gradient;
      const dxs = engine.tidy(node.kernelName, () => {
        const inputGradients: Record<string, () => tf.Tensor> =
          node.kernelName === 'Add'
            ? Object.fromEntries(Object.entries(node.inputs).map(([name, x]) => [name, () => addGradient(dys[0] ?? tf.zeros(node.outputs[0].shape), x.shape, node.outputs[0].shape)]))
            : gradient(dys);
        const out: Record<string, tf.Tensor> = {};
        for (const name of Object.keys(node.inputs)) {
          if (!(name in inputGradients)) throw new Error(`Cannot backprop through input ${name}. Available gradients found: ${Object.keys(inputGradients)}.`);
          out[name] = inputGradients[name]();
          checkGradient(node, name, out[name]);
        }
        return out;
      });
      for (const name of Object.keys(node.inputs)) {
        const x = node.inputs[name];
        const dx = dxs[name];
        const current = grads.get(x.id);
        if (!current) {
          grads.set(x.id, dx);
        } else {
          grads.set(x.id, tf.add(current, dx));
          if (!grads.holds(current)) current.dispose();
        }
      }
      for (const o of node.outputs) {
        if (returned.has(o.id)) continue;
        grads.release(o.id)?.dispose();
      }
      for (const t of node.saved ?? []) if (!grads.holds(t)) t.dispose();
    }
    const out = xs.map((x) => grads.get(x.id));
    // As engine.gradients does at depth 0: the tape's saved tensors go with it.
    const kept = new Set(out);
    for (const node of tape) for (const t of node.saved ?? []) if (!kept.has(t)) t.dispose();
    engine.state.activeTape = null;
    return { value: y, grads: out };
  });
}

/** tf.variableGrads(f, variables) for trainable variables, with a lean backward pass (above). */
export function leanVariableGrads(f: () => tf.Scalar, variables: readonly tf.Variable[]): { value: tf.Scalar; grads: Record<string, tf.Tensor> } {
  const trainable = variables.filter((v) => v.trainable);
  if (trainable.length === 0) throw new Error(`leanVariableGrads expects at least one trainable variable, but none of the ${variables.length} is.`);
  const { value, grads } = leanGradients(f, trainable);
  if (grads.every((g) => g === undefined)) throw new Error('Cannot find a connection between any variable and the loss: the operations that use the variables must be inside f.');
  if (value.rank !== 0) throw new Error(`The f passed to leanVariableGrads must return a scalar, but it returned a rank-${value.rank} tensor.`);
  const named: Record<string, tf.Tensor> = {};
  trainable.forEach((v, i) => {
    const g = grads[i];
    if (g) named[v.name] = g;
  });
  return { value, grads: named };
}
