import type { TFunction } from 'i18next';
import type { AnnotationWords } from '../../../../shared/photos/annotation-summary';

export const formatMillimetres = (mm: number, language: string) =>
  `${new Intl.NumberFormat(language, { maximumFractionDigits: mm < 10 ? 1 : 0 }).format(mm)} mm`;

/** The summary's words in the professional's language. */
export const annotationWords = (t: TFunction, language: string): AnnotationWords => ({
  millimetres: (mm) => formatMillimetres(mm, language),
  photo: t('photos.summary.photo'),
  uncalibrated: t('photos.summary.uncalibrated'),
  kinds: {
    arrow: t('photos.tool.arrow'),
    circle: t('photos.tool.circle'),
    line: t('photos.tool.line'),
    text: t('photos.tool.text'),
    measure: t('photos.tool.measure'),
  },
});
