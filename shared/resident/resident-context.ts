import { AnsweredQuestion } from '../fhir/self-assessment';
import { z } from 'zod';
import { QueueItem } from '../queue/queue-item';

/** What opens beside a contact: the resident and what the cache holds about them, newest first. */
export const ResidentContext = z.object({
  contacts: z.array(QueueItem),
  selfAssessments: z.array(
    z.object({
      id: z.string(),
      authored: z.string(),
      questionnaire: z.string().nullable(),
      answers: z.array(AnsweredQuestion),
    }),
  ),
  photos: z.array(z.object({ id: z.string(), taken: z.string(), title: z.string() })),
  /** Shown only while the resident's consent to citizen-generated data stands. */
  measurements: z.object({
    consent: z.enum(['given', 'withdrawn', 'none']),
    items: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        kind: z.enum(['blood-pressure', 'glucose', 'other']),
        value: z.string(),
      }),
    ),
    /** How many are held back for want of consent (so the nurse knows to ask). */
    withheld: z.number().int(),
  }),
  documents: z.array(z.object({ id: z.string(), date: z.string(), title: z.string(), author: z.string() })),
  /**
   * Whether this laptop holds her data whole: in a care relationship (or opened with a stated
   * reason this session, or as team lead). Otherwise only her contact, name, age and language.
   */
  inCare: z.boolean(),
});
export type ResidentContext = z.infer<typeof ResidentContext>;
