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
});
