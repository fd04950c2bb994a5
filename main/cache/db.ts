import type Database from 'better-sqlite3-multiple-ciphers';

declare const readable: unique symbol;
declare const writable: unique symbol;

/**
 * The signed-in user's cache connection, typed by what a function may do with it (as Signal
 * Desktop's ReadableDB/WritableDB): a function taking a ReadableDb promises to only read. Only
 * main/cache/ holds SQL; everything else passes these handles to its functions.
 */
export type ReadableDb = Database.Database & { readonly [readable]: true };
export type WritableDb = ReadableDb & { readonly [writable]: true };

/** Where a connection becomes a handle: when the cache is opened (and in tests, a second connection). */
export const asWritable = (db: Database.Database): WritableDb => db as WritableDb;
export const asReadable = (db: Database.Database): ReadableDb => db as ReadableDb;
