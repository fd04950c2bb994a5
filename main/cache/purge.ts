import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadableDb } from './db';
import { prepared } from './prepared';
import { writePrivateFile } from './private-files';
import { userDir, usersDir } from './user-cache-path';
import { wipeUserDir } from './wipe-cache';

const marker = 'last-opened';
const unsentMarker = 'holds-unsent-work';

/** Work that exists nowhere else yet: changes not accepted by the backend, drafts not signed. */
export const holdsUnsentWork = (db: ReadableDb): boolean =>
  (
    prepared(
      db,
      'SELECT EXISTS (SELECT 1 FROM outbox) OR EXISTS (SELECT 1 FROM draft WHERE signed_at IS NULL) AS held',
    ).get() as { held: number }
  ).held === 1;

/**
 * Noted beside the encrypted cache at sign-out (a flag, nothing about anyone), because the purge
 * cannot look inside: a cache holding unsent work is never purged, it waits for its owner
 * (or for IT's wipe).
 */
export function markUnsentWork(dir: string, held: boolean): void {
  const file = join(dir, unsentMarker);
  if (held) writePrivateFile(file, 'yes');
  else rmSync(file, { force: true });
}

/** Records when this user's cache was last opened (a date, nothing else), for the purge. */
export function markOpened(dir: string, at: Date): void {
  writePrivateFile(join(dir, marker), at.toISOString());
}

function lastOpened(dir: string): number {
  const file = join(dir, marker);
  const at = existsSync(file) ? Date.parse(readFileSync(file, 'utf8').trim()) : Number.NaN;
  // A folder from before the marker, or a damaged marker: its own time stands in.
  return Number.isFinite(at) ? at : statSync(dir).mtimeMs;
}

/**
 * Cached data nobody has opened for `days` (policy) leaves the workstation: a colleague who
 * stopped using a shared office PC does not leave residents' data on it. `keep` (the user
 * signed in now) and a cache holding unsent work are never purged. Returns how many users'
 * caches were removed.
 */
export function purgeStaleCaches(dataDir: string, days: number, now: Date, keep?: string): number {
  const root = usersDir(dataDir);
  if (!existsSync(root)) return 0;
  const kept = keep === undefined ? null : userDir(dataDir, keep);
  const limit = now.getTime() - days * 24 * 60 * 60 * 1000;
  let removed = 0;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (dir === kept || !statSync(dir).isDirectory() || existsSync(join(dir, unsentMarker))) continue;
    if (lastOpened(dir) < limit) {
      wipeUserDir(dir);
      removed += 1;
    }
  }
  return removed;
}
