import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useFormat } from '../../i18n/format';

/** The newest urgent contact, said in words until dismissed. */
export function UrgentBanner({ item, onDismiss }: { item: QueueItem | null; onDismiss(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!item) return null;
  return (
    <div role="alert" className="banner banner--urgent" data-testid="urgent-alert">
      <p>
        {t('queue.newUrgent', { count: 1 })}: {item.urgency} {t(`urgency.${item.urgency}`)} · {t(`kinds.${item.kind}`)}{' '}
        · {item.resident.name} ({format.language(item.resident.language)})
        {item.interpreterNeeded && ` · ${t('queue.interpreterNeeded')}`}
      </p>
      <button type="button" className="secondary" onClick={onDismiss}>
        {t('notices.dismiss')}
      </button>
    </div>
  );
}
