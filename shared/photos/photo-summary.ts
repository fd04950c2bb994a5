import { z } from 'zod';
import { bodySiteCodes, photoViewCodes } from './body-sites';

/** Which version of a photo to fetch: the review size for viewing, the original for 1:1 pixels. */
export const photoSizes = ['thumbnail', 'review', 'original'] as const;
export type PhotoSize = (typeof photoSizes)[number];

/** A photo in the resident's filmstrip. */
export const PhotoSummary = z.object({
  id: z.string(),
  taken: z.string(),
  title: z.string(),
  bodySite: z.enum(bodySiteCodes).nullable(),
  view: z.enum(photoViewCodes).nullable(),
  width: z.number().int(),
  height: z.number().int(),
});
export type PhotoSummary = z.infer<typeof PhotoSummary>;
