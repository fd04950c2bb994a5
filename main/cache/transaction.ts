import type { WritableDb } from './db';

/** Runs `work` as one SQLite transaction (a savepoint inside another): all of it commits, or none. */
export const atomically = <T>(db: WritableDb, work: () => T): T => db.transaction(work)();
