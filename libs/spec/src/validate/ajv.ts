/**
 * The ajv validators of the schema documents (strict, all errors), compiled once per schema.
 *
 * Compiling the experiment schema takes ~0.5 s, which would dominate `runner:validate`. The
 * compiled code is therefore kept as an ajv standalone module under node_modules/.cache/ablate,
 * keyed by a hash of the schema's source, the ajv version and the options; a stale or unwritable cache only
 * costs the compile.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Ajv from 'ajv';
import type { Options, ValidateFunction } from 'ajv';
import { extensionsKey } from '../registry/extensions';
import { SCHEMA_SOURCES, schemaDocuments } from '../schema/documents';

export type SchemaName = 'experiment' | 'model' | 'dataset' | 'layer';

const OPTIONS: Options = { strict: true, allErrors: true, discriminator: true, allowUnionTypes: true, verbose: true };
/** By schema and set of plug-in components. */
const compiled = new Map<string, ValidateFunction>();

/** ajv itself is loaded only when a validator must be compiled (the cached code needs just its runtime). */
export function createAjv(extra: Options = {}): Ajv {
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  return new AjvClass({ ...OPTIONS, ...extra });
}

/** ablate's cache folder, node_modules/.cache/ablate (undefined when node_modules cannot be found). */
export function cacheDir(): string | undefined {
  try {
    return join(dirname(require.resolve('ajv/package.json')), '..', '.cache', 'ablate');
  } catch {
    return undefined;
  }
}

function compileCached(name: SchemaName): ValidateFunction {
  const dir = cacheDir();
  const { version } = require('ajv/package.json') as { version: string };
  const key = createHash('sha256').update(JSON.stringify([SCHEMA_SOURCES[name], version, OPTIONS, extensionsKey()])).digest('hex').slice(0, 16);
  const file = dir ? join(dir, `validator-${key}.js`) : undefined;
  if (file && existsSync(file)) {
    try {
      return require(file) as ValidateFunction;
    } catch {
      // fall through: recompile
    }
  }
  const ajv = createAjv({ code: { source: true } });
  const validate = ajv.compile(schemaDocuments()[`${name}.schema.json`] as object);
  if (file && dir) {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: Ajv, v: ValidateFunction) => string }).default;
      writeFileSync(tmp, standaloneCode(ajv, validate));
      renameSync(tmp, file);
    } catch {
      // read-only install: keep the in-memory validator
    }
  }
  return validate;
}

export function validatorFor(name: SchemaName): ValidateFunction {
  const key = `${name}:${extensionsKey()}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = compileCached(name);
    compiled.set(key, validate);
  }
  return validate;
}
