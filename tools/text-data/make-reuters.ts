/**
 * Writes data/text/reuters/{acq,crude}/<file>.txt: the 50 "acq" and 20 "crude" Reuters-21578
 * documents shipped with the R package tm (Debian's r-cran-tm), one text file per document
 * holding its TITLE, a line break and its BODY, XML entities decoded. See data/text/README.md.
 *
 *   npx tsx tools/text-data/make-reuters.ts
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TEXTS = '/usr/lib/R/site-library/tm/texts';
const OUT = join(__dirname, '..', '..', 'data', 'text', 'reuters');
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function element(xml: string, name: string, file: string): string {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  if (!match) throw new Error(`${file} has no <${name}>`);
  return match[1].replace(/&(\w+);/g, (all, entity: string) => {
    if (!(entity in ENTITIES)) throw new Error(`${file}: unknown entity ${all}`);
    return ENTITIES[entity];
  });
}

for (const topic of ['acq', 'crude']) {
  const folder = join(TEXTS, topic);
  mkdirSync(join(OUT, topic), { recursive: true });
  const files = readdirSync(folder).filter((f) => f.endsWith('.xml')).sort();
  for (const file of files) {
    const xml = readFileSync(join(folder, file), 'utf8');
    writeFileSync(join(OUT, topic, file.replace(/\.xml$/, '.txt')), `${element(xml, 'TITLE', file)}\n${element(xml, 'BODY', file)}\n`);
  }
  console.log(`${topic}: ${files.length} documents`);
}
