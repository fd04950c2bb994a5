import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * What the cache writes is readable by its owner alone: folders 0700, files 0600, whatever the
 * umask, also for folders and files made by an older version (chmod on every open). On Windows
 * the modes are ignored and the per-user profile's ACLs do the same.
 */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Creates the file empty if missing (0600) so that SQLite's -wal and -shm inherit the mode. */
export function privateFile(file: string): void {
  privateDir(dirname(file));
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/** Written whole or not at all (a crash leaves the old file or the new one, never half). */
export function writePrivateFile(file: string, data: string | Buffer): void {
  privateDir(dirname(file));
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data, { mode: 0o600, flush: true });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/** Moves a file and its SQLite companions aside (never deleted: it may hold unsent work). */
export function moveAside(file: string, stamp: string, companions: readonly string[] = ['-wal', '-shm']): string {
  const aside = `${file}.unreadable-${stamp}`;
  renameSync(file, aside);
  for (const suffix of companions) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}
