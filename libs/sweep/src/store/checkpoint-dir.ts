/**
 * A trial's last checkpoint, in its draft folder: .partial/<trial-id>/checkpoint/. A new one is
 * written whole into checkpoint.tmp/ (every file flushed to disk), then takes the place of the
 * previous one by renames: the current one becomes checkpoint.old/, the new one checkpoint/, and
 * the old one is removed. A kill at any moment leaves a complete checkpoint (checkpoint/, or
 * checkpoint.old/ between the two renames) and at worst a half-written checkpoint.tmp/, which is
 * never read.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writing } from '@ablate/spec';

const CURRENT = 'checkpoint';
const OLD = 'checkpoint.old';
const TMP = 'checkpoint.tmp';

function flushed(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class CheckpointDir {
  constructor(private readonly draft: string) {}

  /** The folder of the checkpoint a reader should use, if there is one. */
  get path(): string | undefined {
    return [CURRENT, OLD].map((name) => join(this.draft, name)).find((dir) => existsSync(dir));
  }

  /** Whether an entry of the draft folder is a complete checkpoint (kept when the draft is cleared). */
  owns(name: string): boolean {
    return name === CURRENT || name === OLD;
  }

  write(files: Readonly<Record<string, string | Uint8Array>>): void {
    const tmp = join(this.draft, TMP);
    const current = join(this.draft, CURRENT);
    const old = join(this.draft, OLD);
    writing(current, () => {
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      for (const [name, content] of Object.entries(files)) {
        writeFileSync(join(tmp, name), content);
        flushed(join(tmp, name));
      }
      flushed(tmp);
      if (existsSync(current)) {
        rmSync(old, { recursive: true, force: true });
        renameSync(current, old);
      }
      renameSync(tmp, current);
      rmSync(old, { recursive: true, force: true });
      flushed(this.draft);
    });
  }

  /** The files of the checkpoint to resume from, by name; undefined when there is none. */
  read(): Record<string, Buffer> | undefined {
    const dir = this.path;
    if (!dir) return undefined;
    return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
  }

  remove(): void {
    for (const name of [TMP, OLD, CURRENT]) rmSync(join(this.draft, name), { recursive: true, force: true });
  }
}
