import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createConnectionMonitor } from './connection-monitor';

describe('connection monitor', () => {
  afterEach(() => vi.useRealTimers());

  it('goes offline when the backend stops answering and online when it is back', async () => {
    vi.useFakeTimers();
    let up = true;
    const changes: string[] = [];
    const monitor = createConnectionMonitor({
      probe: async () => {
        if (!up) throw new Error('refused');
      },
      counts: () => ({ pending: 3, conflicts: 1 }),
      onChange: (s) => changes.push(`${s.state}:${s.pending}`),
      onlineIntervalMs: 1000,
      random: () => 0,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.status().state).toBe('online');
    up = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(monitor.status().state).toBe('offline');
    up = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(changes).toEqual(['online:3', 'offline:3', 'online:3']);
    monitor.stop();
  });

  it('backs off with jitter while offline, up to a ceiling', () => {
    expect(backoffDelay(1, 30_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 30_000, () => 1)).toBe(2500);
    expect(backoffDelay(20, 30_000, () => 1)).toBe(30_500);
    const spread = new Set(Array.from({ length: 20 }, (_, i) => backoffDelay(3, 30_000, () => i / 20)));
    expect(spread.size).toBe(20);
  });
});
