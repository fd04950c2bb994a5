import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/contract';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useFormat } from '../../i18n/format';
import { alertUrgent } from './alert-urgent';
import { alertsMuted } from './UrgentAlertMute';

/**
 * New urgent contacts: a banner always, and a chime (with a desktop notification if she opted in)
 * unless the user muted them for her shift. Returns the contact to show and the callback the queue calls.
 */
export function useUrgentAlert(settings: Settings) {
  const { t } = useTranslation();
  const format = useFormat();
  const [notice, setNotice] = useState<QueueItem | null>(null);
  const onNewUrgent = useCallback(
    (fresh: QueueItem[]) => {
      const first = fresh[0];
      if (!first) return;
      setNotice(first);
      const title = t('queue.newUrgent', { count: fresh.length });
      const body = [
        `${first.urgency} ${t(`urgency.${first.urgency}`)}`,
        t(`kinds.${first.kind}`),
        format.language(first.resident.language),
        first.interpreterNeeded ? t('queue.interpreterNeeded') : '',
      ]
        .filter(Boolean)
        .join(' · ');
      if (!alertsMuted(settings, Date.now())) alertUrgent(title, body, settings.desktopNotifications);
    },
    [t, format, settings],
  );
  return { notice, dismiss: () => setNotice(null), onNewUrgent };
}
