import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type WritableDb, asWritable } from './db';
import { migrate } from './migrate';
import { migrations } from './migrations';

export interface OpenedCache {
  db: WritableDb;
  /** Where an unreadable file was moved, when that happened; the user is told. */
  movedAside: string | null;
}

export interface OpenCacheOptions {
  /** Electron loads a copy of the native module built for its own ABI. */
  nativeBinding?: string;
  now?: () => Date;
}

const unreadableCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);

function isUnreadable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && [...unreadableCodes].some((c) => code.startsWith(c));
}

function openAndCheck(file: string, options: OpenCacheOptions): Database.Database {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // A wrong file only shows at the first real read, so read the schema now. The full
    // quick_check read every page (0.4 s for a 100,000-contact cache, at every start), so it
    // covers only the outbox: the one table holding writes that exist nowhere else yet.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const hasOutbox = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'outbox'").get() !== undefined;
    const check = db.pragma(hasOutbox ? 'quick_check(outbox)' : 'quick_check(1)', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    db.pragma('journal_mode = WAL');
    // FULL: a committed change survives power loss, which a draft of a care record must.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A 100,000-contact cache is ~60 MB: with 64 MB of page cache a sync page's index inserts
    // stay in memory instead of being read back from the file.
    db.pragma('cache_size = -65536');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens (creating if needed) one SQLite cache file. A corrupt or unreadable file is moved aside
 * with its WAL, never overwritten, and a fresh cache is created in its place.
 */
export function openCache(file: string, options: OpenCacheOptions = {}): OpenedCache {
  mkdirSync(dirname(file), { recursive: true });
  try {
    return { db: asWritable(openAndCheck(file, options)), movedAside: null };
  } catch (error) {
    if (!isUnreadable(error) || !existsSync(file)) throw error;
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const aside = `${file}.unreadable-${stamp}`;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    return { db: asWritable(openAndCheck(file, options)), movedAside: aside };
  }
}
