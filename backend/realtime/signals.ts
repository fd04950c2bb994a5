import { z } from 'zod';
import type { Db } from '../db/db';

/**
 * Short-lived signals between the two sides of a contact (typing now; call signalling later).
 * They go through PostgreSQL NOTIFY like changes do, so they reach sockets held by any replica;
 * nothing is stored.
 */
export const signalChannel = 'kaari_signal';
export const Signal = z.object({
  kind: z.literal('typing'),
  taskId: z.string(),
  patientId: z.string(),
  from: z.enum(['resident', 'staff']),
});
export type Signal = z.infer<typeof Signal>;

export const publishSignal = (db: Db, signal: Signal) =>
  db.query('SELECT pg_notify($1, $2)', [signalChannel, JSON.stringify(signal)]);

export function parseSignal(payload: string): Signal | null {
  try {
    return Signal.safeParse(JSON.parse(payload)).data ?? null;
  } catch {
    return null;
  }
}

/** Typing arrives many times a second while someone types; one signal per second per sender is plenty. */
export function throttle(ms = 1000): (key: string) => boolean {
  const last = new Map<string, number>();
  return (key) => {
    const now = Date.now();
    if ((last.get(key) ?? 0) + ms > now) return false;
    last.set(key, now);
    if (last.size > 10_000) last.clear();
    return true;
  };
}
