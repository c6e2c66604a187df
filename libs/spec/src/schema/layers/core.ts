import { closed, int } from '../primitives';
import { ACTIVATION, WEIGHTS } from './options';

export const CORE_LAYERS = {
  dense: closed(
    { units: int({ minimum: 1, description: 'Output features; `${data.classes}` for a classifier head.' }), ...ACTIVATION, ...WEIGHTS },
    { description: 'Fully connected layer over the last axis.' },
  ),
};
