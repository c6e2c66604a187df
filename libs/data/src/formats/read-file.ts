/** Reading a data file, with errors that name the file and what to do. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '@ablate/spec';

export interface FileRef {
  /** As the user wrote it (relative to the experiment), for messages. */
  shown: string;
  /** Absolute path. */
  path: string;
  /** What to do when the file is missing, when the loader knows better than "check the path". */
  missingHint?: string;
}

/** A data file that is not there: validate notes it (the data may live on another machine); any other data error is an error. */
export class DataFileMissing extends UserError {}

export function readData(file: FileRef, hint?: string): Buffer {
  try {
    if (statSync(file.path).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    return readFileSync(file.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? (error as Error).message})`;
    const fallback = code === 'ENOENT' && file.missingHint ? file.missingHint : 'Check the path in `dataset:`; relative paths start at the experiment file\'s folder.';
    throw new (code === 'ENOENT' ? DataFileMissing : UserError)(`the data file ${file.shown} ${what}.`, { hint: hint ?? fallback });
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A data file's content is not what its format says: truncated, corrupt, or another format. */
export function corrupt(file: FileRef, problem: string, hint = 'The file may be truncated or corrupt: download it again.'): UserError {
  return new UserError(`cannot read ${file.shown}: ${problem}`, { hint });
}
