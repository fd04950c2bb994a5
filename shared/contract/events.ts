import { ConnectionStatus, SessionState, SyncConflict, SyncProgress } from './schemas';
import { z } from 'zod';
import { videoEvents } from './video-calls';
import { lockEvents } from './lock-calls';

/** Every main → renderer event, declared once. */
export const events = {
  'connection.changed': ConnectionStatus,
  'session.changed': SessionState,
  'sync.progress': SyncProgress,
  'sync.conflicts': z.array(SyncConflict),
  /** The cache changed (a pull brought resources, or this workstation wrote): queue and chat refetch. */
  'queue.changed': z.object({ at: z.string() }),
  /** The resident is typing in this contact's chat. */
  'chat.typing': z.object({ taskId: z.string() }),
  ...videoEvents,
  ...lockEvents,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
