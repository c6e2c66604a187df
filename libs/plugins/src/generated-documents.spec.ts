/**
 * schemas/*.json and docs/yaml-reference.md are current (`npm run schema` writes them): generated
 * from libs/spec's definitions with ablate's own plug-in-style components (builtin/) in their
 * families, as every command sees the language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDocuments, yamlReference } from '@ablate/spec';
import './host';

const ROOT = join(__dirname, '..', '..', '..');

describe('the generated schema documents', () => {
  const documents = schemaDocuments();

  it.each(Object.keys(documents))('%s is committed and up to date (run `npm run schema` after changing libs/spec or builtin/)', (file) => {
    expect(JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8'))).toEqual(documents[file]);
  });

  it('docs/yaml-reference.md is committed and up to date (run `npm run schema`)', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'yaml-reference.md'), 'utf8');
    expect(committed).toBe(yamlReference());
    expect(committed).toContain('### `type: conv3d`');
    expect(committed).toContain('#### `type: gaussian_noise`');
  });
});
