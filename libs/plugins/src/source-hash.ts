/**
 * The identity of a plug-in's code: SHA-256 over its module and every local file it imports
 * (relative imports, followed recursively; packages are the lockfile's business), in a stable order.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const EXTENSIONS = ['', '.ts', '.js', '.cjs', '.mjs', '.json', '/index.ts', '/index.js'];
const IMPORT = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return EXTENSIONS.map((e) => (e.startsWith('/') ? join(base, e) : base + e)).find((f) => existsSync(f) && statSync(f).isFile());
}

/** The module and its local imports, the module first, then in the order met. */
export function localSources(file: string): string[] {
  const seen: string[] = [];
  const visit = (path: string) => {
    if (seen.includes(path)) return;
    seen.push(path);
    for (const match of readFileSync(path, 'utf8').matchAll(IMPORT)) {
      const found = resolveLocal(path, match[1]);
      if (found) visit(found);
    }
  };
  visit(file);
  return seen;
}

export function sourceHash(file: string): string {
  const hash = createHash('sha256');
  const root = dirname(file);
  for (const path of localSources(file)) {
    // Paths relative to the module, so that the same code in another checkout has the same identity.
    hash.update(`${path.startsWith(root) ? path.slice(root.length) : path}\n`);
    hash.update(readFileSync(path));
    hash.update('\n');
  }
  return hash.digest('hex');
}
