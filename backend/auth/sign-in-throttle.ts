import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db';

/**
 * Staff sign-in throttling (policy), kept in the database so every replica and a restart see the
 * same counts: an account is locked for 15 minutes after 5 wrong passwords in a row (the
 * administrator is told and may unlock it sooner); one client address may fail 20 times in 10
 * minutes (a health centre's staff share one address, and only failures count).
 */
export const throttlePolicy = {
  accountFailures: 5,
  accountLockSeconds: 15 * 60,
  addressFailures: 20,
  addressWindowSeconds: 10 * 60,
} as const;

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

/** Seconds until `username` (null: an enrollment code, no account) from `address` may try again; 0 when they may now. */
export async function signInWait(db: Queryable, username: string | null, address: string): Promise<number> {
  const rows = await db.query<{ wait: number }>(
    `SELECT ceil(extract(epoch FROM max(until) - now()))::int AS wait FROM (
       SELECT locked_until AS until FROM sign_in_throttle WHERE key = $1 AND locked_until > now()
       UNION ALL
       SELECT window_start + make_interval(secs => $4) FROM sign_in_throttle
         WHERE key = $2 AND failures >= $3 AND window_start + make_interval(secs => $4) > now()
     ) t`,
    [
      username === null ? null : accountKey(username),
      addressKey(address),
      throttlePolicy.addressFailures,
      throttlePolicy.addressWindowSeconds,
    ],
  );
  return Math.max(0, rows[0]?.wait ?? 0);
}

/** Counts a wrong password; the failure that locks an account leaves a notice for the administrator. */
export async function signInFailed(db: Db, username: string | null, address: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sign_in_throttle (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN sign_in_throttle.window_start + make_interval(secs => $2) < now() THEN 1 ELSE sign_in_throttle.failures + 1 END,
         window_start = CASE WHEN sign_in_throttle.window_start + make_interval(secs => $2) < now() THEN now() ELSE sign_in_throttle.window_start END`,
      [addressKey(address), throttlePolicy.addressWindowSeconds],
    );
    if (username === null) return;
    const account = await tx.query<{ failures: number }>(
      `INSERT INTO sign_in_throttle (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN sign_in_throttle.locked_until IS NOT NULL AND sign_in_throttle.locked_until < now() THEN 1 ELSE sign_in_throttle.failures + 1 END,
         locked_until = CASE WHEN sign_in_throttle.locked_until < now() THEN NULL ELSE sign_in_throttle.locked_until END
       RETURNING failures`,
      [accountKey(username)],
    );
    if ((account[0]?.failures ?? 0) !== throttlePolicy.accountFailures) return;
    await tx.query('UPDATE sign_in_throttle SET locked_until = now() + make_interval(secs => $2) WHERE key = $1', [
      accountKey(username),
      throttlePolicy.accountLockSeconds,
    ]);
    // Only for accounts that exist: a guessed username locks nothing anyone uses, and tells nobody.
    const staff = await tx.query<{ id: string }>('SELECT id FROM staff WHERE lower(username) = lower($1)', [username]);
    if (staff[0])
      await tx.query("INSERT INTO security_notice (id, kind, subject) VALUES ($1, 'account_locked', $2)", [
        randomUUID(),
        staff[0].id,
      ]);
  });
}

/** The right password: the account's count starts again (the address's does not). */
export async function signInSucceeded(db: Queryable, username: string): Promise<void> {
  await db.query('DELETE FROM sign_in_throttle WHERE key = $1', [accountKey(username)]);
}

/** The administrator unlocks an account before its time: its count goes and its notices are resolved. */
export async function unlockAccount(db: Db, staffId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const staff = await tx.query<{ username: string }>('SELECT username FROM staff WHERE id = $1', [staffId]);
    if (!staff[0]) return false;
    await tx.query('DELETE FROM sign_in_throttle WHERE key = $1', [accountKey(staff[0].username)]);
    await tx.query(
      "UPDATE security_notice SET resolved_at = now() WHERE kind = 'account_locked' AND subject = $1 AND resolved_at IS NULL",
      [staffId],
    );
    return true;
  });
}
