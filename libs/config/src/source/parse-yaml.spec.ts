import { UserError, UserErrors } from '@ablate/spec';
import { MAX_ALIAS_VALUES, parseYaml } from './parse-yaml';

/** The user errors `fn` throws, one per problem. */
function problems(fn: () => unknown): UserError[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserErrors) return error.errors;
    if (error instanceof UserError) return [error];
    throw error;
  }
  throw new Error('expected a UserError');
}

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

  describe('aliases', () => {
    it('reports an alias without an anchor at the alias, naming the anchor to define', () => {
      const [error, ...rest] = problems(() => parseYaml('training:\n  epochs: *nothere\n', 'a.yaml'));
      expect(rest).toEqual([]);
      expect(error.at).toEqual({ file: 'a.yaml', line: 2, col: 11 });
      expect(error.path).toBe('training.epochs');
      expect(error.format()).toContain('*nothere refers to no anchor');
      expect(error.hint).toContain('&nothere');
    });

    it('reports an alias used before its anchor', () => {
      const [error] = problems(() => parseYaml('a: *x\nb: &x 1\n', 'a.yaml'));
      expect(error.at?.line).toBe(1);
    });

    it('reports an alias inside the value it refers to', () => {
      const [error] = problems(() => parseYaml('a: &x [1, *x]\n', 'a.yaml'));
      expect(error.format()).toContain('would contain itself');
    });

    it('stops a "billion laughs" expansion at the alias that crosses the budget', () => {
      const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 9; i++) {
        const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
        levels.push(`${name}: &${name} [${Array(10).fill('*' + prev).join(', ')}]`);
      }
      const started = Date.now();
      const found = problems(() => parseYaml(levels.join('\n') + '\n', 'bomb.yaml'));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(found).toHaveLength(1);
      expect(found[0].format()).toMatch(new RegExp(`^bomb.yaml:5:\\d+: e\\[\\d+\\]: YAML aliases expand too much: .* more than ${MAX_ALIAS_VALUES} values`));
    });

    it('shares values between an anchor and its aliases, merge keys included', () => {
      const doc = parseYaml('base: &b { x: 1, y: [1, 2] }\nlist: [*b, *b]\nchild:\n  y: 3\n  <<: [*b, { z: 4 }]\n', 'a.yaml');
      expect(doc.value).toEqual({ base: { x: 1, y: [1, 2] }, list: [{ x: 1, y: [1, 2] }, { x: 1, y: [1, 2] }], child: { y: 3, x: 1, z: 4 } });
      expect(doc.positions.get('/list/1')?.value).toEqual({ file: 'a.yaml', line: 2, col: 12 });
      expect(doc.positions.has('/list/1/x')).toBe(false);
    });

    it('reports a merge key whose value is not a mapping', () => {
      const [error] = problems(() => parseYaml('a: &a [1]\nb:\n  <<: *a\n', 'a.yaml'));
      expect(error.at?.line).toBe(3);
      expect(error.format()).toContain('merge key');
    });

    it('resolves many aliases in linear time', () => {
      const n = 20_000;
      const text = `anchors:\n${Array.from({ length: n }, (_, i) => `  a${i}: &a${i} ${i}\n`).join('')}uses:\n${Array.from({ length: n }, (_, i) => `  - *a${i}\n`).join('')}`;
      const started = Date.now();
      const doc = parseYaml(text, 'a.yaml');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((doc.value as { uses: number[] }).uses[n - 1]).toBe(n - 1);
    });
  });

  describe('tags', () => {
    it.each([
      ['!!python/object:foo 3', '!!python/object:foo'],
      ['!custom 3', '!custom'],
      ['!!binary aGVsbG8=', '!!binary'],
      ['!!timestamp 2001-12-14', '!!timestamp'],
    ])('refuses %s at the tag, listing the allowed tags', (value, tag) => {
      const [error, ...rest] = problems(() => parseYaml(`training:\n  epochs: ${value}\n`, 'a.yaml'));
      expect(rest).toEqual([]);
      expect(error.at).toEqual({ file: 'a.yaml', line: 2, col: 11 });
      expect(error.path).toBe('training.epochs');
      expect(error.message).toBe(`unknown YAML tag ${tag}.`);
      expect(error.hint).toContain('!!str, !!int, !!float, !!bool, !!null, !!seq, !!map');
    });

    it('refuses an unknown tag on a mapping', () => {
      const [error] = problems(() => parseYaml('optimizer:\n  !!python/object:torch.optim.Adam\n  lr: 1\n', 'a.yaml'));
      expect(error.at).toEqual({ file: 'a.yaml', line: 2, col: 3 });
      expect(error.path).toBe('optimizer');
    });

    it.each([
      ['!!int abc', '!!int', 'an integer'],
      ['!!bool yes', '!!bool', 'true or false'],
      ['!!map [1]', '!!map', 'a mapping'],
      ['!!str [1]', '!!str', 'a scalar'],
    ])('refuses %s, a value that does not fit its core tag', (value, tag, takes) => {
      const [error, ...rest] = problems(() => parseYaml(`a: ${value}\n`, 'a.yaml'));
      expect(rest).toEqual([]);
      expect(error.at).toEqual({ file: 'a.yaml', line: 1, col: 4 });
      expect(error.message).toContain(`does not fit its tag ${tag}, which takes ${takes}`);
    });

    it('accepts the core schema tags', () => {
      expect(parseYaml('a: !!str 3\nb: !!int "4"\nc: !!float 1.5\nd: !!bool true\ne: !!null ~\nf: !!seq [1]\ng: !!map {x: 1}\nh: ! 5\n', 'a.yaml').value).toEqual({
        a: '3',
        b: 4,
        c: 1.5,
        d: true,
        e: null,
        f: [1],
        g: { x: 1 },
        h: '5',
      });
    });
  });

  describe('keys', () => {
    it('reports duplicate keys in flow mappings, with the first line', () => {
      const [error] = problems(() => parseYaml('opt: { lr: 1,\n  lr: 2 }\n', 'a.yaml'));
      expect(error.at).toEqual({ file: 'a.yaml', line: 2, col: 3 });
      expect(error.format()).toContain('"lr" is already set at line 1');
      expect(error.path).toBe('opt.lr');
    });

    it('reports two keys that JSON would merge (1 and "1")', () => {
      expect(problems(() => parseYaml('1: a\n"1": b\n', 'a.yaml'))[0].at?.line).toBe(2);
    });

    it('keeps __proto__ as an ordinary key', () => {
      const value = parseYaml('__proto__: { polluted: true }\n', 'a.yaml').value as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('reports nesting too deep to read instead of overflowing the stack', () => {
    const [error] = problems(() => parseYaml(`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'a.yaml'));
    expect(error.format()).toContain('nested too deeply');
  });
});
