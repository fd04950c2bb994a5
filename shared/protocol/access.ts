import { z } from 'zod';

/**
 * "Break the glass": opening a resident outside one's care relationships with a stated reason
 * (Finnish client-data law). The grant lasts the session (at most breakGlassHours) and is logged
 * with the reason; the team lead and the resident both see it.
 */
export const breakGlassPath = '/access/break-glass';

export const BreakGlassRequest = z
  .object({
    /** The resident's identifier (as on her card) or the resident's id. */
    resident: z.string().trim().min(1).max(64),
    reason: z.string().trim().min(10, 'State the reason in a sentence.').max(500),
  })
  .strict();
export type BreakGlassRequest = z.infer<typeof BreakGlassRequest>;

export const BreakGlassGrant = z.object({
  id: z.string(),
  patientId: z.string(),
  residentName: z.string(),
  expiresAt: z.string(),
});
export type BreakGlassGrant = z.infer<typeof BreakGlassGrant>;

/** One stated-reason access, as the team lead reviews them. */
export const BreakGlassEntry = z.object({
  id: z.string(),
  at: z.string(),
  staffName: z.string(),
  profession: z.string(),
  residentName: z.string(),
  reason: z.string(),
});
export type BreakGlassEntry = z.infer<typeof BreakGlassEntry>;
export const BreakGlassList = z.object({ entries: z.array(BreakGlassEntry) });
export type BreakGlassList = z.infer<typeof BreakGlassList>;

/** One line of a resident's own access log: who looked at or changed her data, when, why. */
export const AccessLogLine = z.object({
  at: z.string(),
  who: z.string(),
  profession: z.string(),
  action: z.enum(['read', 'changed', 'opened-with-reason']),
  reason: z.string().optional(),
});
export type AccessLogLine = z.infer<typeof AccessLogLine>;
export const ResidentAccessLog = z.object({ lines: z.array(AccessLogLine) });
export type ResidentAccessLog = z.infer<typeof ResidentAccessLog>;
