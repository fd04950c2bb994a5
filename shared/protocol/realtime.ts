import { z } from 'zod';

/** Backend WebSocket (/realtime): the first client frame authenticates; then the server tells news. */
export const RealtimeClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), accessToken: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('ping') }),
  /** The professional is typing in this contact's chat; relayed to the resident. */
  z.object({ type: z.literal('typing'), taskId: z.string().max(64) }),
]);
export type RealtimeClientFrame = z.infer<typeof RealtimeClientFrame>;

export const RealtimeServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), latest: z.number().int().nonnegative() }),
  /** Something the user may see changed at sequence `seq`: pull after your cursor. */
  z.object({ type: z.literal('changed'), seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('pong') }),
  /** The resident is typing in this contact's chat. */
  z.object({ type: z.literal('typing'), taskId: z.string() }),
]);
export type RealtimeServerFrame = z.infer<typeof RealtimeServerFrame>;

/**
 * Close codes the client acts on: 4401 means sign in again, 4403 that the administrator revoked
 * this device (the workstation wipes its cache and signs out), anything else means reconnect.
 */
export const realtimeCloseCodes = { unauthenticated: 4401, deviceRevoked: 4403 } as const;
