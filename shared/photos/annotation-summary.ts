import { type PhotoAnnotations, type ShapeKind, measuredMillimetres } from './annotations';

export interface AnnotationWords {
  photo: string;
  kinds: Record<ShapeKind, string>;
  /** A measure with no reference marked yet. */
  uncalibrated: string;
  millimetres(mm: number): string;
}

/** The signed record is written in Finnish, as the national record is. */
export const recordWords: AnnotationWords = {
  photo: 'Merkinnät kuvaan',
  kinds: { arrow: 'nuoli', circle: 'ympyrä', line: 'viiva', text: 'teksti', measure: 'mittaus' },
  uncalibrated: 'ei mittakaavaa',
  millimetres: (mm) => `${mm.toFixed(mm < 10 ? 1 : 0).replace('.', ',')} mm`,
};

/** One line per photo: what was marked, with measured lengths, e.g. "Merkinnät kuvaan: nuoli; mittaus 18 mm". */
export function annotationSummary(a: PhotoAnnotations, words: AnnotationWords): string {
  const parts = a.shapes.map((shape) => {
    const name = words.kinds[shape.kind];
    if (shape.kind === 'text') return `${name} "${shape.text}"`;
    if (shape.kind !== 'measure') return name;
    const mm = measuredMillimetres(a, shape.from, shape.to);
    return `${name} ${mm === null ? words.uncalibrated : words.millimetres(mm)}`;
  });
  return parts.length ? `${words.photo}: ${parts.join('; ')}` : '';
}
