import type { ConnectionState, ConnectionStatus } from '../../shared/contract';

export interface ConnectionMonitorDeps {
  /** Resolves when the backend answers, rejects when it does not. */
  probe(): Promise<void>;
  /** Local changes not yet accepted by the backend, and those it refused. */
  counts(): { pending: number; conflicts: number };
  onChange(status: ConnectionStatus): void;
  now?: () => Date;
  /** Delays between probes: steady when online, growing with jitter while offline. */
  onlineIntervalMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

export interface ConnectionMonitor {
  status(): ConnectionStatus;
  /** Probe now (after a failed call, after laptop sleep) instead of waiting for the timer. */
  check(): Promise<ConnectionStatus>;
  /** The sync engine reports what it saw (syncing, online, offline, error). */
  report(state: ConnectionState): void;
  stop(): void;
}

/** Backoff with full jitter, so many workstations coming back do not all retry at once. */
export function backoffDelay(attempt: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, 1000 * 2 ** Math.min(attempt, 10));
  return Math.round(500 + random() * ceiling);
}

export function createConnectionMonitor(deps: ConnectionMonitorDeps): ConnectionMonitor {
  const now = deps.now ?? (() => new Date());
  const onlineInterval = deps.onlineIntervalMs ?? 15_000;
  const maxBackoff = deps.maxBackoffMs ?? 30_000;
  const random = deps.random ?? Math.random;
  let current: ConnectionStatus = { state: 'offline', since: now().toISOString(), lastSyncAt: null, ...deps.counts() };
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const set = (state: ConnectionState) => {
    const counts = deps.counts();
    if (state === current.state && counts.pending === current.pending && counts.conflicts === current.conflicts) return;
    current = {
      state,
      since: state === current.state ? current.since : now().toISOString(),
      lastSyncAt: state === 'online' ? now().toISOString() : current.lastSyncAt,
      ...counts,
    };
    deps.onChange(current);
  };

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    const delay = failures === 0 ? onlineInterval : backoffDelay(failures, maxBackoff, random);
    timer = setTimeout(() => void check(), delay);
    timer.unref?.();
  };

  async function check(): Promise<ConnectionStatus> {
    try {
      await deps.probe();
      failures = 0;
      set('online');
    } catch {
      failures += 1;
      set('offline');
    }
    schedule();
    return current;
  }

  void check();
  return {
    status: () => current,
    check,
    report: (state) => set(state),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
