import type Database from 'better-sqlite3';
import type { ConnectionState } from '../../shared/contract';
import { BackendUnreachableError } from '../backend-client/backend-client';
import { backoffDelay } from '../connection/connection-monitor';
import { type PullProgress, pullChanges } from './pull';
import { drainOutbox } from './push';
import type { SyncClient } from './sync-client';

export interface SyncEngineDeps {
  db: Database.Database;
  client: SyncClient;
  onState(state: ConnectionState): void;
  onProgress?(progress: PullProgress): void;
  /** After a round that pushed or pulled anything, so views can refresh from the cache. */
  onChanged?(): void;
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

  const round = async () => {
    deps.onState('syncing');
    try {
      const pushed = await drainOutbox(deps.db, deps.client);
      const pulled = await pullChanges(deps.db, deps.client, deps.onProgress);
      if (pulled > 0 || pushed.pushed > 0 || pushed.conflicts > 0) deps.onChanged?.();
      failures = 0;
      deps.onState('online');
      schedule(interval);
    } catch (error) {
      failures += 1;
      deps.onState(error instanceof BackendUnreachableError ? 'offline' : 'error');
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
        await round();
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
