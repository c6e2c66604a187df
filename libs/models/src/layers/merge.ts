/** The layers that join two or more inputs: add, subtract, multiply, concatenate. */
import { Subtract } from '../custom/subtract';
import { formatShape } from '../shape';
import { tfl } from '../tf';
import { finish } from './build-helpers';
import { LayerUseError, type LayerImpl } from './layer-impl';

function merge(type: 'add' | 'multiply' | 'concatenate', make: (name: string, axis?: number) => tfl.layers.Layer): LayerImpl<{ axis?: number }> {
  return {
    type,
    arity: 'many',
    build(p, ctx) {
      if (ctx.inputs.length < 2) {
        throw new LayerUseError(`needs two or more inputs; it has ${ctx.inputs.length}.`, 'Name them with `inputs: [a, b]` (`input` is the graph input).');
      }
      return finish(ctx, [make(ctx.name, p.axis)]);
    },
  };
}

export const add = merge('add', (name) => tfl.layers.add({ name }));

export const subtract: LayerImpl<Record<string, never>> = {
  type: 'subtract',
  arity: 'many',
  build(_p, ctx) {
    if (ctx.inputs.length !== 2) throw new LayerUseError(`needs exactly two inputs, a and b (it computes a - b); it has ${ctx.inputs.length}.`, 'Name them with `inputs: [a, b]` (`input` is the graph input).');
    const [a, b] = ctx.inputShapes;
    if (formatShape(a) !== formatShape(b)) throw new LayerUseError(`needs two inputs of the same shape; they are ${formatShape(a)} and ${formatShape(b)}.`, 'Make the layer before it output the shape of the other input.');
    return finish(ctx, [new Subtract({ name: ctx.name })]);
  },
};
export const multiply = merge('multiply', (name) => tfl.layers.multiply({ name }));
export const concatenate = merge('concatenate', (name, axis) => tfl.layers.concatenate({ name, axis: axis ?? -1 }));
