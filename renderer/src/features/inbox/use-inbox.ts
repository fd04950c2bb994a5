import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useCall } from '../../api/use-call';

/** Requests addressed to me, refreshed whenever main says the cached queue changed. */
export function useInbox(): { items: QueueItem[]; loaded: boolean; reload(): void } {
  const inbox = useCall('queue.inbox', {}, ['queue.changed']);
  return { items: inbox.value?.items ?? [], loaded: inbox.value !== null, reload: inbox.reload };
}
