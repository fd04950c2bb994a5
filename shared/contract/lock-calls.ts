import { z } from 'zod';

const empty = z.object({}).strict();

/** Why the workstation is locked: nobody used it, the user locked it, or it was offline too long. */
export const LockReason = z.enum(['idle', 'manual', 'offline']);
export type LockReason = z.infer<typeof LockReason>;

export const LockState = z.object({
  locked: z.boolean(),
  reason: LockReason.nullable(),
  /** The policy's idle time, so the renderer reports activity often enough and no more. */
  idleLockSeconds: z.number().positive(),
});
export type LockState = z.infer<typeof LockState>;

/**
 * The session lock (main/lifecycle/workstation-lock.ts). While locked, main answers only these,
 * the session and the video calls: a call goes on behind the lock screen.
 */
export const lockCalls = {
  'lock.get': { input: empty, output: LockState },
  /** The user did something (key, pointer): the idle timer starts again. */
  'lock.activity': { input: empty, output: LockState },
  'lock.lockNow': { input: empty, output: LockState },
  'lock.unlock': { input: z.object({ password: z.string().min(1).max(200) }).strict(), output: LockState },
} as const;

export const lockEvents = {
  'lock.changed': LockState,
} as const;
