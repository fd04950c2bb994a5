import { useCallback, useEffect, useState } from 'react';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useApi } from '../../api/api-context';

/** Requests addressed to me, refreshed whenever main says the cached queue changed. */
export function useInbox(): { items: QueueItem[]; loaded: boolean; reload(): void } {
  const api = useApi();
  const [items, setItems] = useState<QueueItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const reload = useCallback(() => {
    void api['queue.inbox']({}).then((r) => {
      if (!r.ok) return;
      setItems(r.value.items);
      setLoaded(true);
    });
  }, [api]);
  useEffect(() => {
    reload();
    return api.on('queue.changed', reload);
  }, [api, reload]);
  return { items, loaded, reload };
}
