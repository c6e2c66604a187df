/** Writes schemas/*.json and docs/yaml-reference.md from the TypeBox definitions in libs/spec (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDocuments, yamlReference } from '@ablate/spec';
// ablate's own plug-in-style components (libs/plugins/src/builtin/) join the language when it is imported.
import '@ablate/plugins';

for (const [file, document] of Object.entries(schemaDocuments())) {
  writeFileSync(join(__dirname, '..', 'schemas', file), JSON.stringify(document, null, 2) + '\n');
  console.log(`wrote schemas/${file}`);
}
writeFileSync(join(__dirname, '..', 'docs', 'yaml-reference.md'), yamlReference());
console.log('wrote docs/yaml-reference.md');
