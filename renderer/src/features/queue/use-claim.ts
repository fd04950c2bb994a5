import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useAction } from '../../api/use-call';
import { useErrorText } from '../../app/use-result-error';

export interface ClaimMessage {
  id: string;
  text: string;
  error: boolean;
}

/**
 * Claiming a contact: decided by the backend (one winner), so it needs the connection; the
 * answer (mine, or taken by whom) is said in words beside the contact.
 */
export function useClaim(online: boolean, onClaimed: (item: QueueItem) => void) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const action = useAction('queue.claim');
  const [message, setMessage] = useState<ClaimMessage | null>(null);
  const claim = async (id: string) => {
    if (!online) return setMessage({ id, text: t('queue.claimNeedsConnection'), error: true });
    const r = await action.run({ id });
    if (!r) return;
    if (!r.ok) return setMessage({ id, text: errorText(r.error), error: true });
    onClaimed(r.value.item);
    setMessage({
      id,
      error: false,
      text:
        r.value.outcome === 'claimed'
          ? t('queue.claimedByYou')
          : t('queue.takenBy', { name: r.value.item.holder?.name ?? '' }),
    });
  };
  return { claim, message };
}
