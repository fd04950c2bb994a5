import type Database from 'better-sqlite3-multiple-ciphers';
import type { Migration } from './migrations';

export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`The local cache was written by a newer Kaari (schema ${found}, this version knows ${supported}).`);
    this.name = 'NewerDatabaseError';
  }
}

/** Runs every pending migration in one transaction: either all apply or none does. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (from > latest) throw new NewerDatabaseError(from, latest);
  if (from === latest) return { from, to: latest };
  db.transaction(() => {
    for (const m of migrations.slice(from)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return { from, to: latest };
}
