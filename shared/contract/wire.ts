import { z } from 'zod';
import { CallError } from './result';

/** The browser host carries the contract over a WebSocket with these frames. */
export const ClientFrame = z.object({
  id: z.number().int().nonnegative(),
  call: z.string().max(100),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ResultFrame = z.object({
  id: z.number().int().nonnegative(),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: CallError }),
  ]),
});
export const EventFrame = z.object({ event: z.string(), payload: z.unknown() });
export const ServerFrame = z.union([ResultFrame, EventFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;
