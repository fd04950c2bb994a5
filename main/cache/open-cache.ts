import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { type WritableDb, asWritable } from './db';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { moveAside, privateFile } from './private-files';

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

/** The cache's 32-byte key (main/cache/cache-key.ts); the caller owns it and zeroes it after opening. */
export interface CacheKeyOption {
  key: Buffer;
}

const unreadableCodes = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);

function isUnreadable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && [...unreadableCodes].some((c) => code.startsWith(c));
}

/** A cache written before encryption: SQLite's plain header. */
function isPlaintextSqlite(file: string): boolean {
  if (!existsSync(file)) return false;
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}

/**
 * SQLCipher 4 format (AES-256-CBC, HMAC-SHA512 per page), with the raw key: no passphrase
 * derivation at every open, the key is already random. A plain better-sqlite3 binding loaded in
 * place of ours would ignore every cipher pragma and write in the clear, so that is refused.
 */
function applyKey(db: Database.Database, key: Buffer, plaintext = false): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  if (db.pragma('cipher', { simple: true }) !== 'sqlcipher')
    throw new Error('The SQLite module in use cannot encrypt the cache.');
  const raw = Buffer.from(`x'${key.toString('hex')}'`);
  try {
    if (plaintext) {
      // A cache from before encryption is encrypted in place (rekey needs a rollback journal).
      db.pragma('journal_mode = DELETE');
      db.rekey(raw);
    } else {
      db.key(raw);
    }
  } finally {
    raw.fill(0);
  }
}

/** Keys another connection to an open cache (tests read through a second connection). */
export const keyConnection = (db: Database.Database, key: Buffer): void => applyKey(db, key);

function openAndCheck(file: string, options: OpenCacheOptions & CacheKeyOption): Database.Database {
  privateFile(file);
  const plaintext = isPlaintextSqlite(file);
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    applyKey(db, options.key, plaintext);
    // A wrong file or key only shows at the first real read, so read the schema now. The full
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
    // Temporary tables and sort spills stay in memory: nothing decrypted goes to a temp file.
    db.pragma('temp_store = MEMORY');
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
 * Opens (creating if needed) one encrypted SQLite cache file, 0600 in a 0700 folder. A corrupt
 * or unreadable file is moved aside with its WAL, never overwritten, and a fresh cache is
 * created in its place (with the same key, so the file aside stays readable to its owner).
 */
export function openCache(file: string, options: OpenCacheOptions & CacheKeyOption): OpenedCache {
  try {
    return { db: asWritable(openAndCheck(file, options)), movedAside: null };
  } catch (error) {
    if (!isUnreadable(error) || !existsSync(file)) throw error;
    const aside = moveAside(file, stampOf(options.now?.() ?? new Date()));
    return { db: asWritable(openAndCheck(file, options)), movedAside: aside };
  }
}

export const stampOf = (at: Date): string => at.toISOString().replace(/[:.]/g, '-');
