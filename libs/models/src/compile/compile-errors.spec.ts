/** Shape and wiring mistakes are reported at the item's line, with its YAML path and the shapes involved. */
import { parseYaml, locate } from '@ablate/config';
import { UserError, type ModelSpec } from '@ablate/spec';
import { compileModel } from './compile-model';

function compileError(yaml: string, facts = { classes: 3, input_shape: [8, 8, 2] }): UserError {
  const doc = parseYaml(yaml, 'model.yaml');
  try {
    compileModel(doc.value as unknown as ModelSpec, facts, { seed: 0, pointer: '', locate: (p, prefer) => locate(doc.positions, p, prefer) });
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a compile error');
}

describe('compile errors', () => {
  it('names the merge layer, its line and both shapes when shapes do not match', () => {
    const error = compileError(`layers:
  - { type: conv2d, filters: 4, kernel: 3, name: a }
  - { type: conv2d, filters: 4, kernel: 1, inputs: input, name: b }
  - { type: add, inputs: [a, b] }
`);
    expect(error.at).toEqual({ file: 'model.yaml', line: 4, col: 5 });
    expect(error.path).toBe('layers[2]');
    expect(error.message).toMatch(/\[6, 6, 4\] and \[8, 8, 4\]/);
  });

  it('suggests the closest name for an unknown input', () => {
    const error = compileError(`layers:
  - { type: conv2d, filters: 4, kernel: 3, name: conv_a }
  - { type: relu, inputs: conv_b }
`);
    expect(error.at?.line).toBe(3);
    expect(error.hint).toMatch(/Did you mean `conv_a`\?/);
  });

  it('explains a convolution whose input has the wrong rank', () => {
    const error = compileError(`layers:
  - { type: flatten }
  - { type: conv2d, filters: 4, kernel: 3 }
`);
    expect(error.message).toMatch(/expects a \[height, width, channels\] input .* got \[128\]/);
    expect(error.hint).toMatch(/reshape/);
  });

  it('checks parameters computed by expressions against the schema', () => {
    const error = compileError(`layers:
  - { type: flatten }
  - { type: dense, units: "\${data.classes / 2}" }
`);
    expect(error.at?.line).toBe(3);
    expect(error.message).toMatch(/expected an integer >= 1, got the number 1.5 \(after evaluating its expressions\)/);
  });

  it('locates errors inside a block and names the call', () => {
    const error = compileError(`blocks:
  stage:
    params: { size: 3 }
    layers:
      - { type: conv2d, filters: 4, kernel: "\${size}" }
layers:
  - { block: stage, with: { size: 9 } }
`);
    expect(error.at?.line).toBe(5);
    expect(error.path).toBe('blocks.stage.layers[0] (in block "stage" at layers[0])');
    expect(error.message).toMatch(/turns its input \[8, 8, 2\] into \[0, 0, 4\]/);
  });

  it('rejects a reshape to the wrong number of values', () => {
    expect(compileError(`layers:\n  - { type: reshape, shape: [3, 3] }\n`).message).toMatch(/cannot reshape \[8, 8, 2\] \(128 values\) to \[3, 3\]/);
  });

  it('rejects a model input that does not match the data', () => {
    expect(compileError(`input: [28, 28, 1]\nlayers:\n  - { type: flatten }\n`).message).toMatch(/does not match the data's examples, \[8, 8, 2\]/);
  });
});
