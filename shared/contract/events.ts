import type { z } from 'zod';
import { ConnectionStatus, SessionState } from './schemas';

/** Every main → renderer event, declared once. */
export const events = {
  'connection.changed': ConnectionStatus,
  'session.changed': SessionState,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
