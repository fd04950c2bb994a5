import type { WritableDb } from '../cache/db';

/** What is kept for a form, or null when nothing is (never typed, or sent and cleared). */
export function readKept(db: WritableDb, key: string): string | null {
  return (
    (db.prepare('SELECT value FROM kept_text WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null
  );
}

/** Saves what is typed as it is typed; an empty value (the form was sent or emptied) removes it. */
export function keepText(db: WritableDb, key: string, value: string, now = new Date()): void {
  if (!value) db.prepare('DELETE FROM kept_text WHERE key = ?').run(key);
  else
    db.prepare(
      'INSERT INTO kept_text (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(key, value, now.toISOString());
}
