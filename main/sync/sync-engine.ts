import type { WritableDb } from '../cache/db';
import type { ConnectionState } from '../../shared/contract';
import { BackendUnreachableError } from '../backend-client/backend-client';
import { backoffDelay } from '../connection/connection-monitor';
import { readCursor } from '../cache/server-copy';
import { type PullProgress, pullChanges } from './pull';
import { drainOutbox } from './push';
import { uploadAccessLog } from './upload-access';
import type { SignedInClient } from '../backend-client/backend-client';

export interface SyncEngineDeps {
  db: WritableDb;
  client: SignedInClient;
  onState(state: ConnectionState): void;
  onProgress?(progress: PullProgress): void;
  /** After a round that pushed or pulled anything, so views can refresh from the cache. */
  onChanged?(): void;
  /**
   * After each pull: keeps the cache to whom she may hold whole now (main/sync/scope.ts). `fresh`:
   * the pull started from nothing, so it already brought the current data of everyone in scope.
   */
  reconcile?(fresh: boolean, consentChanged: ReadonlySet<string>): Promise<{ fetched: number; dropped: number }>;
  /** Steady resync interval while online (the realtime channel makes it faster). */
  intervalMs?: number;
  random?: () => number;
}

export interface SyncEngine {
  /** Sync now: after a local write, a realtime "changed" message, or waking from sleep. */
  kick(): void;
  /** Resolves when the current round (if any) and a following one have finished. */
  settle(): Promise<void>;
  stop(): void;
}

/** Push first (the user's work), then pull; retried with backoff and jitter when the network fails. */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const interval = deps.intervalMs ?? 15_000;
  const random = deps.random ?? Math.random;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => kick(), delay);
    timer.unref?.();
  };

  // After stop() the user may have signed out and the cache be closed: nothing more is reported.
  const report = (state: ConnectionState) => {
    if (!stopped) deps.onState(state);
  };

  const round = async () => {
    report('syncing');
    try {
      const pushed = await drainOutbox(deps.db, deps.client);
      if (stopped) return;
      const fresh = readCursor(deps.db) === 0;
      const consentChanged = new Set<string>();
      const pulled = await pullChanges(
        deps.db,
        deps.client,
        (p) => !stopped && deps.onProgress?.(p),
        undefined,
        consentChanged,
      );
      if (stopped) return;
      const scoped = (await deps.reconcile?.(fresh, consentChanged)) ?? { fetched: 0, dropped: 0 };
      if (stopped) return;
      await uploadAccessLog(deps.db, deps.client);
      if (stopped) return;
      if (pulled > 0 || pushed.pushed > 0 || pushed.conflicts > 0 || scoped.fetched > 0 || scoped.dropped > 0)
        deps.onChanged?.();
      failures = 0;
      report('online');
      schedule(interval);
    } catch (error) {
      if (stopped) return;
      failures += 1;
      report(error instanceof BackendUnreachableError ? 'offline' : 'error');
      schedule(backoffDelay(failures, 30_000, random));
    }
  };

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        // round() handles its own failures; a throw from a listener must not become an
        // unhandled rejection that takes the whole process down.
        await round().catch((error: unknown) => console.error('sync round failed', error));
      } while (again && !stopped);
      running = null;
    })();
  }

  return {
    kick,
    async settle() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
