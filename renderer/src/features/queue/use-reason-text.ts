import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { parseAssessmentDescription } from '../../../../shared/self-assessment/to-fhir';

/**
 * A contact's reason in the viewer's words: a self-assessment's questionnaire and the rules that
 * ranked it are stored as codes and said here in her language; other reasons are shown as written.
 */
export function useReasonText(): (item: QueueItem) => string {
  const { t } = useTranslation();
  return useCallback(
    (item: QueueItem) => {
      const parsed = item.kind === 'self-assessment' ? parseAssessmentDescription(item.reason) : null;
      if (!parsed) return item.reason;
      const title = t(`questionnaires.${parsed.questionnaire}`, { defaultValue: parsed.questionnaire });
      const reasons = parsed.reasons.map((r) => t(`triageReasons.${r}`, { defaultValue: r }));
      return reasons.length ? `${title}: ${reasons.join(', ')}` : title;
    },
    [t],
  );
}
