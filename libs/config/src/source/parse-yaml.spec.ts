import { UserError, UserErrors } from '@ablate/spec';
import { parseYaml } from './parse-yaml';

describe('parseYaml', () => {
  it('records the line and column of every key and value', () => {
    const doc = parseYaml('optimizer:\n  type: adam\n  lr: 0.001\nlayers:\n  - { type: dense, units: 3 }\n', 'a.yaml');
    expect(doc.value).toEqual({ optimizer: { type: 'adam', lr: 0.001 }, layers: [{ type: 'dense', units: 3 }] });
    expect(doc.positions.get('/optimizer/lr')).toEqual({
      key: { file: 'a.yaml', line: 3, col: 3 },
      value: { file: 'a.yaml', line: 3, col: 7 },
      kind: 'scalar',
    });
    expect(doc.positions.get('/layers/0/units')?.value).toEqual({ file: 'a.yaml', line: 5, col: 27 });
    expect(doc.positions.get('/layers')?.kind).toBe('seq');
  });

  it('reads 1e-3 and 0.001 as the same number (YAML 1.2 core schema)', () => {
    expect(parseYaml('a: 1e-3\nb: 0.001\nc: yes\n', 'a.yaml').value).toEqual({ a: 0.001, b: 0.001, c: 'yes' });
  });

  it('reports a duplicate key at the second occurrence', () => {
    expect(() => parseYaml('a: 1\nb: 2\na: 3\n', 'a.yaml')).toThrow(UserError);
    try {
      parseYaml('a: 1\nb: 2\na: 3\n', 'a.yaml');
    } catch (error) {
      expect((error as UserError).at).toEqual({ file: 'a.yaml', line: 3, col: 1 });
      expect((error as UserError).format()).toContain('duplicate key');
    }
  });

  it('reports syntax errors with their line and a hint', () => {
    try {
      parseYaml('a:\n  b: 1\n\tc: 2\n', 'a.yaml');
      throw new Error('expected an error');
    } catch (error) {
      const errors = error instanceof UserErrors ? error.errors : [error as UserError];
      expect(errors[0].at?.line).toBe(3);
      expect(errors[0].hint).toMatch(/spaces/);
    }
  });

  it('resolves anchors and merge keys', () => {
    const doc = parseYaml('base: &b { x: 1, y: 2 }\nchild:\n  <<: *b\n  y: 3\n', 'a.yaml');
    expect(doc.value).toEqual({ base: { x: 1, y: 2 }, child: { x: 1, y: 3 } });
  });
});
