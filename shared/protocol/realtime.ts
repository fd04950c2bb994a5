import { z } from 'zod';

/** Backend WebSocket (/realtime): the first client frame authenticates; then the server tells news. */
export const RealtimeClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), accessToken: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('ping') }),
]);
export type RealtimeClientFrame = z.infer<typeof RealtimeClientFrame>;

export const RealtimeServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), latest: z.number().int().nonnegative() }),
  /** Something the user may see changed at sequence `seq`: pull after your cursor. */
  z.object({ type: z.literal('changed'), seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('pong') }),
]);
export type RealtimeServerFrame = z.infer<typeof RealtimeServerFrame>;

/** Close codes the client acts on: 4401 means sign in again, anything else means reconnect. */
export const realtimeCloseCodes = { unauthenticated: 4401 } as const;
