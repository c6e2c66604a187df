/**
 * Writing results is where the disk says no: full, over quota, read-only, not ours, or a path
 * that is not a folder. Each is the user's to fix and becomes one paragraph naming what could not
 * be written and what to do; anything else is a bug and is rethrown as it is. Every write of
 * results (trial folders, locks, models, reports, plots, Slurm scripts) goes through here.
 */
import { UserError } from './errors';

const KEPT = 'Finished trials are kept and will not run again.';

/** Throws the user's error for a failed write of `where`, or the original error when it is not a storage problem. */
export function writeFailure(error: unknown, where: string): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    throw new UserError(`the disk is full${code === 'EDQUOT' ? ' (quota exceeded)' : ''}: could not write ${where}.`, { hint: `Free some space and run the same command again. ${KEPT}` });
  }
  if (code === 'EROFS') throw new UserError(`cannot write ${where}: the file system is read-only.`, { hint: `Choose a writable results_dir (--set results_dir=<folder>). ${KEPT}` });
  if (code === 'EACCES' || code === 'EPERM') throw new UserError(`cannot write ${where}: permission denied (${code}).`, { hint: `Choose a writable results_dir (--set results_dir=<folder>), or fix the folder's permissions. ${KEPT}` });
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EEXIST') {
    throw new UserError(`cannot write ${where}: ${code === 'ENOENT' ? 'a folder on its path cannot be created' : 'a file stands where a folder is needed'} (${code}).`, { hint: `Check results_dir and the folders on its path. ${KEPT}` });
  }
  throw error;
}

/** Runs a write (or several) of `where`, turning storage errors into the user's error. */
export function writing<T>(where: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    return writeFailure(error, where);
  }
}

/** The same for a write that completes asynchronously. */
export async function writingAsync<T>(where: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    return writeFailure(error, where);
  }
}
