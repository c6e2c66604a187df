import { LAYER_CATALOG } from '@ablate/spec';
import { LAYERS } from './register-all';

describe('layer registry', () => {
  it('implements exactly the layer types of the language', () => {
    expect([...LAYERS.keys()].sort()).toEqual(Object.keys(LAYER_CATALOG).sort());
  });
});
