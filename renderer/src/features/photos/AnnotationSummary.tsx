import { useTranslation } from 'react-i18next';
import { annotationSummary } from '../../../../shared/photos/annotation-summary';
import type { PhotoAnnotations } from '../../../../shared/photos/annotations';
import { annotationWords } from './annotation-words';

/** The marks drawn on the contact's photos, as they go into the record: one line per photo. */
export function AnnotationSummary({ annotations }: { annotations: readonly PhotoAnnotations[] | undefined }) {
  const { t, i18n } = useTranslation();
  const lines = (annotations ?? []).map((a) => annotationSummary(a, annotationWords(t, i18n.language))).filter(Boolean);
  if (lines.length === 0) return null;
  return (
    <ul className="muted" data-testid="documentation-photo-marks">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
