/** Writes schemas/*.json from the TypeBox definitions in libs/spec (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDocuments } from '@ablate/spec';

for (const [file, document] of Object.entries(schemaDocuments())) {
  writeFileSync(join(__dirname, '..', 'schemas', file), JSON.stringify(document, null, 2) + '\n');
  console.log(`wrote schemas/${file}`);
}
