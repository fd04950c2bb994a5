import { z } from 'zod';

/**
 * Marks a professional draws on a resident's photo, kept as data beside the image (in the
 * documentation of the contact), never drawn into it. Points are fractions of the original's
 * width and height, so they land on the same spot in the original, the review size and the
 * thumbnail. Lengths are calibrated from a reference of known size in the picture (a coin, a
 * ruler): the professional marks its ends and says how long it is.
 */
const Point = z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).strict();
export type Point = z.infer<typeof Point>;

export const Shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('arrow'), from: Point, to: Point }).strict(),
  z.object({ kind: z.literal('circle'), center: Point, edge: Point }).strict(),
  z.object({ kind: z.literal('line'), points: z.array(Point).min(2).max(400) }).strict(),
  z.object({ kind: z.literal('text'), at: Point, text: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('measure'), from: Point, to: Point }).strict(),
]);
export type Shape = z.infer<typeof Shape>;
export const shapeKinds = ['arrow', 'circle', 'line', 'text', 'measure'] as const;
export type ShapeKind = (typeof shapeKinds)[number];

export const PhotoAnnotations = z
  .object({
    mediaId: z.string().max(100),
    /** The original's size in pixels: turns fractions into pixel distances. */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    reference: z
      .object({ from: Point, to: Point, millimetres: z.number().positive().max(1000) })
      .strict()
      .nullable(),
    shapes: z.array(Shape).max(100),
  })
  .strict();
export type PhotoAnnotations = z.infer<typeof PhotoAnnotations>;

const pixels = (a: Point, b: Point, width: number, height: number) =>
  Math.hypot((a.x - b.x) * width, (a.y - b.y) * height);

/** The length of a measure in millimetres, or null until a reference is marked. */
export function measuredMillimetres(
  annotations: Pick<PhotoAnnotations, 'width' | 'height' | 'reference'>,
  from: Point,
  to: Point,
): number | null {
  const { reference, width, height } = annotations;
  if (!reference) return null;
  const referencePixels = pixels(reference.from, reference.to, width, height);
  if (referencePixels === 0) return null;
  return (pixels(from, to, width, height) / referencePixels) * reference.millimetres;
}
