import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useApi } from '../../api/api-context';

/** The ordered queue from main, reloaded whenever main says the cached queue changed. */
export function useQueue(mineOnly: boolean, onNewUrgent: (items: QueueItem[]) => void) {
  const api = useApi();
  const [items, setItems] = useState<QueueItem[]>([]);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const seen = useRef<Set<string> | null>(null);
  const notify = useRef(onNewUrgent);
  notify.current = onNewUrgent;

  const load = useCallback(async () => {
    const result = await api['queue.list']({ mineOnly });
    if (!result.ok) return;
    const known = seen.current;
    if (known) {
      const fresh = result.value.items.filter((i) => !known.has(i.id) && (i.urgency === 'P0' || i.urgency === 'P1' || i.urgency === 'P2'));
      if (fresh.length) notify.current(fresh);
    }
    seen.current = new Set(result.value.items.map((i) => i.id));
    setItems(result.value.items);
    setTotal(result.value.total);
    setLoaded(true);
  }, [api, mineOnly]);

  useEffect(() => {
    void load();
    return api.on('queue.changed', () => void load());
  }, [api, load]);

  const replace = useCallback((item: QueueItem) => setItems((list) => list.map((i) => (i.id === item.id ? item : i))), []);
  return { items, total, loaded, replace };
}
