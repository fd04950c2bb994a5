/**
 * The native SQLite module of the workstation cache: SQLite3 Multiple Ciphers, used in SQLCipher
 * format. The Electron rebuild (scripts/electron-native.ts) must build this module, not plain
 * better-sqlite3: a plain binding loaded in its place would leave the cache unencrypted, which
 * open-cache.ts refuses.
 */
export const cacheSqliteModule = 'better-sqlite3-multiple-ciphers';
/** The binding's file inside the module once built. */
export const cacheSqliteBinding = 'build/Release/better_sqlite3.node';
