import { parseYaml } from './parse-yaml';
import { mergeDocs } from './merge';

describe('mergeDocs', () => {
  const base = parseYaml('a: { x: 1, y: [1, 2] }\nb: 1\nc: { k: 1 }\n', 'base.yaml');
  const over = parseYaml('a: { y: [3] , z: 2 }\nc: null\n', 'over.yaml');
  const merged = mergeDocs(base, over);

  it('merges mappings, replaces lists and deletes null keys', () => {
    expect(merged.value).toEqual({ a: { x: 1, y: [3], z: 2 }, b: 1 });
  });

  it('keeps the position of the value that won', () => {
    expect(merged.positions.get('/a/x')?.value.file).toBe('base.yaml');
    expect(merged.positions.get('/a/y')?.value.file).toBe('over.yaml');
    expect(merged.positions.has('/a/y/1')).toBe(false);
    expect(merged.positions.has('/c')).toBe(false);
    expect(merged.files).toEqual(['over.yaml', 'base.yaml']);
  });

  it('remembers where a null deleted a key, for "missing key" errors', () => {
    expect(merged.removed?.get('/c')?.key).toEqual({ file: 'over.yaml', line: 2, col: 1 });
    const again = mergeDocs(merged, parseYaml('c: { k: 2 }\n', 'again.yaml'));
    expect(again.removed?.has('/c')).toBe(false);
    expect(again.positions.get('/c/k')?.value.file).toBe('again.yaml');
  });

  it('drops the base positions under a replaced value, and only those', () => {
    const a = parseYaml('m: { layers: [{ units: 1 }, { units: 2 }], name: x }\n', 'a.yaml');
    const b = parseYaml('m: { layers: [{ units: 3 }] }\n', 'b.yaml');
    const out = mergeDocs(a, b);
    expect(out.positions.has('/m/layers/1')).toBe(false);
    expect(out.positions.has('/m/layers/1/units')).toBe(false);
    expect(out.positions.get('/m/layers/0/units')?.value.file).toBe('b.yaml');
    expect(out.positions.get('/m/name')?.value.file).toBe('a.yaml');
    expect(out.positions.get('/m')?.value.file).toBe('b.yaml');
  });

  it('is linear in the size of the documents', () => {
    const n = 100_000;
    const big = (file: string, from: number) => parseYaml(`vars:\n${Array.from({ length: n }, (_, i) => `  v${from + i}: ${i}\n`).join('')}`, file);
    const [a, b] = [big('a.yaml', 0), big('b.yaml', n / 2)];
    const started = Date.now();
    const out = mergeDocs(a, b);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(Object.keys((out.value as { vars: object }).vars)).toHaveLength(n * 1.5);
    expect(out.positions.get(`/vars/v${n - 1}`)?.value.file).toBe('b.yaml');
    expect(out.positions.get('/vars/v0')?.value.file).toBe('a.yaml');
  });
});
