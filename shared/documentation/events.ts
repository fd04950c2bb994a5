import { z } from 'zod';
import { DraftFields, Professional } from './draft';
import { stepIds } from './steps';

const at = z.string().datetime();
const fieldNames = DraftFields.keyof();

/** Everything a documentation flow can be told; validated at the IPC boundary. */
export const DraftEvent = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('UPDATE'), patch: DraftFields, clear: z.array(fieldNames).max(30).optional(), at })
    .strict(),
  z.object({ type: z.literal('NEXT') }).strict(),
  z.object({ type: z.literal('BACK') }).strict(),
  z.object({ type: z.literal('GOTO'), step: z.enum(stepIds) }).strict(),
  z.object({ type: z.literal('SIGN'), at, by: Professional }).strict(),
  z.object({ type: z.literal('REQUEST_COSIGN'), at, to: Professional, note: z.string().max(2000) }).strict(),
  z.object({ type: z.literal('COSIGN'), at, by: Professional }).strict(),
  z.object({ type: z.literal('RETURN'), at, by: Professional, note: z.string().max(2000) }).strict(),
]);
export type DraftEvent = z.infer<typeof DraftEvent>;
