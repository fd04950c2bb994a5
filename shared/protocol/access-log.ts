import { z } from 'zod';

/**
 * POST /audit/access: the workstation's log of reads from its local cache. Each entry becomes
 * one AuditEvent of the signed-in user, with the entry's id, so a retried upload applies once.
 */
export const accessLogPath = '/audit/access';

export const AccessUpload = z
  .object({
    entries: z
      .array(
        z
          .object({
            id: z.string().uuid(),
            at: z.string().datetime(),
            action: z.string().min(1).max(40),
            references: z
              .array(z.string().regex(/^[A-Za-z]{1,40}\/[A-Za-z0-9\-.]{1,64}$/))
              .min(1)
              .max(200),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();
export type AccessUpload = z.infer<typeof AccessUpload>;

export const AccessUploadResult = z.object({ recorded: z.number().int(), alreadyRecorded: z.number().int() });
export type AccessUploadResult = z.infer<typeof AccessUploadResult>;
