/** Reads and parses one YAML file, with a clear error when it is missing or unreadable. */
import { readFileSync } from 'node:fs';
import { UserError, type SourceLocation } from '@ablate/spec';
import type { SourceDoc } from '../source/document';
import { parseYaml } from '../source/parse-yaml';

export function readSource(file: string, displayName: string, referencedAt?: SourceLocation): SourceDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code})`;
    throw new UserError(`the file ${displayName} ${what}.`, {
      at: referencedAt,
      hint: referencedAt
        ? 'Paths in `extends:` are relative to the file that contains them.'
        : 'Check the path; it is relative to the current directory.',
    });
  }
  return parseYaml(text, displayName);
}
