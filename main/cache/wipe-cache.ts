import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { userDir, usersDir } from './user-cache-path';

/** Removes one user folder: the wrapped key first, which alone makes the rest unreadable. */
export function wipeUserDir(dir: string): void {
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (name.startsWith('cache.key')) rmSync(join(dir, name), { force: true });
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Remote wipe (a revoked device) and purge: removes a user's cache, drafts, kept text and
 * settings from this workstation, or every user's when `userId` is not given. The caller signs
 * the user out first (the database must be closed); an open file is still unlinked on POSIX,
 * and its key is gone with the folder either way.
 */
export function wipeCache(dataDir: string, userId?: string): void {
  if (userId !== undefined) {
    wipeUserDir(userDir(dataDir, userId));
    return;
  }
  const root = usersDir(dataDir);
  for (const name of existsSync(root) ? readdirSync(root) : []) wipeUserDir(join(root, name));
}
