import type { Queryable } from '../db/db';
import { accessTokenSeconds } from './token-lifetimes';

/** Why an open-looking access token no longer works: its session was ended, or its device revoked. */
export type SessionRefusal = 'ended' | 'device_revoked';

/**
 * How often a replica re-reads which sessions ended. An access token stops working at most this
 * long after sign-out or revocation on another replica (at once on the replica that ended it).
 */
export const sessionCacheMs = 5000;

export interface SessionCheck {
  /** Null while session `sid` is open; why not once it ended. */
  (sid: string): Promise<SessionRefusal | null>;
  /** This replica just ended these sessions: refused at once, without waiting for the next read. */
  ended(sids: readonly string[], reason: string): void;
  /** Re-reads the sessions that ended lately (every `sessionCacheMs`, and at start). */
  reload(): Promise<void>;
  stop(): void;
}

const refusalOf = (reason: string | null): SessionRefusal => (reason === 'device_revoked' ? 'device_revoked' : 'ended');

/**
 * Each request's `sid` is checked in memory against the sessions that ended within an access
 * token's life (older ones' tokens have expired anyway), re-read from staff_session every 5 s.
 * No query per request: a request never waits on the database to be authenticated.
 */
export function createSessionCheck(db: Queryable): SessionCheck {
  let endedSessions = new Map<string, SessionRefusal>();
  const local = new Map<string, SessionRefusal>();
  const reload = async () => {
    const rows = await db.query<{ family: string; end_reason: string | null }>(
      'SELECT family, end_reason FROM staff_session WHERE ended_at > now() - make_interval(secs => $1)',
      [accessTokenSeconds + 60],
    );
    endedSessions = new Map(rows.map((r) => [r.family, refusalOf(r.end_reason)]));
    // What this replica ended is now in the table (committed before `ended` was called).
    for (const sid of local.keys()) if (endedSessions.has(sid)) local.delete(sid);
  };
  const timer = setInterval(() => void reload().catch(() => undefined), sessionCacheMs);
  timer.unref();
  const check = async (sid: string) => local.get(sid) ?? endedSessions.get(sid) ?? null;
  return Object.assign(check, {
    ended(sids: readonly string[], reason: string) {
      for (const sid of sids) local.set(sid, refusalOf(reason));
    },
    reload,
    stop: () => clearInterval(timer),
  });
}
