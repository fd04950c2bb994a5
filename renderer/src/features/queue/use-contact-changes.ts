import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useAction } from '../../api/use-call';

/**
 * Release, escalate and transfer of the opened contact: each answered by the backend with the
 * contact as it now is, which the queue takes over; what happened is said in words.
 */
export function useContactChanges(item: QueueItem, onChanged: (item: QueueItem) => void) {
  const { t } = useTranslation();
  const release = useAction('queue.release');
  const escalate = useAction('queue.escalate');
  const transfer = useAction('queue.transfer');
  const [message, setMessage] = useState<string | null>(null);
  const done = (r: Awaited<ReturnType<typeof release.run>>, say: (i: QueueItem) => string) => {
    if (!r?.ok) return;
    onChanged(r.value);
    setMessage(say(r.value));
  };
  return {
    message,
    busy: release.pending || escalate.pending || transfer.pending,
    error: release.error ?? escalate.error ?? transfer.error,
    release: async () => done(await release.run({ id: item.id }), () => t('queue.released')),
    escalate: async (note: string) => done(await escalate.run({ id: item.id, note }), () => t('queue.escalated')),
    transfer: async (toStaffId: string, note: string) =>
      done(await transfer.run({ id: item.id, toStaffId, note }), (i) =>
        t('queue.transferred', { name: i.holder?.name ?? '' }),
      ),
  };
}
