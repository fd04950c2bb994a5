import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useApi } from '../../api/api-context';

const pageSize = 100;

/**
 * The queue as pages fetched from main on demand: a 100,000-item queue never crosses the bridge
 * whole. Pages are refetched when main says the cached queue changed.
 */
export function useQueue(mineOnly: boolean, text: string, onNewUrgent: (items: QueueItem[]) => void) {
  const api = useApi();
  const [pages, setPages] = useState<ReadonlyMap<number, QueueItem[]>>(new Map());
  const [counts, setCounts] = useState({ total: 0, matching: 0, loaded: false });
  const wanted = useRef(new Set<number>([0]));
  const firstPageIds = useRef<Set<string> | null>(null);
  const notify = useRef(onNewUrgent);
  notify.current = onNewUrgent;
  const generation = useRef(0);

  const fetchPages = useCallback(
    async (indexes: number[], fresh: boolean) => {
      const gen = fresh ? ++generation.current : generation.current;
      const results = await Promise.all(indexes.map((p) => api['queue.list']({ mineOnly, text, offset: p * pageSize, limit: pageSize }).then((r) => [p, r] as const)));
      if (gen !== generation.current) return; // a newer reload superseded this one
      setPages((old) => {
        const next = new Map(fresh ? [] : old);
        for (const [p, r] of results) if (r.ok) next.set(p, r.value.items);
        return next;
      });
      const last = results.find(([, r]) => r.ok)?.[1];
      if (last?.ok) setCounts({ total: last.value.total, matching: last.value.matching, loaded: true });
      const first = results.find(([p]) => p === 0)?.[1];
      if (first?.ok) {
        const known = firstPageIds.current;
        const fresh0 = known ? first.value.items.filter((i) => !known.has(i.id) && ['P0', 'P1', 'P2'].includes(i.urgency)) : [];
        if (fresh0.length) notify.current(fresh0);
        firstPageIds.current = new Set(first.value.items.map((i) => i.id));
      }
    },
    [api, mineOnly, text],
  );

  useEffect(() => {
    wanted.current = new Set([0]);
    void fetchPages([0], true);
    return api.on('queue.changed', () => void fetchPages([...wanted.current], true));
  }, [api, fetchPages]);

  /** Ask for the pages covering rows start..end (what the virtual list shows). */
  const ensureRange = useCallback(
    (start: number, end: number) => {
      const missing: number[] = [];
      for (let p = Math.floor(start / pageSize); p <= Math.floor(end / pageSize); p += 1) {
        if (!wanted.current.has(p)) missing.push(p);
        wanted.current.add(p);
      }
      if (missing.length) void fetchPages(missing, false);
    },
    [fetchPages],
  );

  const itemAt = useCallback((index: number) => pages.get(Math.floor(index / pageSize))?.[index % pageSize], [pages]);
  const replace = useCallback(
    (item: QueueItem) => setPages((old) => new Map([...old].map(([p, items]) => [p, items.map((i) => (i.id === item.id ? item : i))]))),
    [],
  );
  const find = useCallback((id: string) => [...pages.values()].flat().find((i) => i.id === id), [pages]);
  return { ...counts, itemAt, ensureRange, replace, find };
}
