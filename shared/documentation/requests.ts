import { z } from 'zod';
import { DraftFields } from './draft';
import { stepIds } from './steps';

/**
 * What the renderer may ask of a draft. Who acts and when is added by main from the session
 * and its own clock: the UI never claims an identity or a time.
 */
export const DraftRequest = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('UPDATE'), patch: DraftFields, clear: z.array(DraftFields.keyof()).max(30).optional() })
    .strict(),
  z.object({ type: z.literal('NEXT') }).strict(),
  z.object({ type: z.literal('BACK') }).strict(),
  z.object({ type: z.literal('GOTO'), step: z.enum(stepIds) }).strict(),
  z.object({ type: z.literal('SIGN') }).strict(),
  z.object({ type: z.literal('REQUEST_COSIGN'), toStaffId: z.string().max(100), note: z.string().max(2000) }).strict(),
  z.object({ type: z.literal('COSIGN') }).strict(),
  z.object({ type: z.literal('RETURN'), note: z.string().max(2000) }).strict(),
]);
export type DraftRequest = z.infer<typeof DraftRequest>;
