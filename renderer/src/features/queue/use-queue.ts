import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { type QueueFilter, isPinnedUrgent } from '../../../../shared/queue/routing';
import { useApi } from '../../api/api-context';

const pageSize = 100;

/**
 * The queue as pages fetched from main on demand: a 100,000-item queue never crosses the bridge
 * whole. Pages are refetched when main says the cached queue changed.
 */
export function useQueue(
  mineOnly: boolean,
  filter: QueueFilter,
  text: string,
  onNewUrgent: (items: QueueItem[]) => void,
) {
  // An urgent contact alerts when it is news: made or changed (made urgent, released) since the
  // queue opened. Older ones a cold sync brings in are shown pinned, without an alarm.
  const openedAt = useRef(Date.now());
  // Settings arrive as new objects on every save: depend on the filter's value, not its identity.
  const filterKey = JSON.stringify(filter);
  const api = useApi();
  const [pages, setPages] = useState<ReadonlyMap<number, QueueItem[]>>(new Map());
  const [counts, setCounts] = useState({ total: 0, matching: 0, loaded: false });
  const wanted = useRef(new Set<number>([0]));
  /** Urgent contacts already seen (null before the first page: those do not alert). */
  const seenUrgent = useRef<Set<string> | null>(null);
  const notify = useRef(onNewUrgent);
  notify.current = onNewUrgent;
  const generation = useRef(0);

  const fetchPages = useCallback(
    async (indexes: number[], fresh: boolean) => {
      const gen = fresh ? ++generation.current : generation.current;
      const results = await Promise.all(
        indexes.map((p) =>
          api['queue.list']({
            mineOnly,
            filter: JSON.parse(filterKey) as QueueFilter,
            text,
            offset: p * pageSize,
            limit: pageSize,
          }).then((r) => [p, r] as const),
        ),
      );
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
        // Urgent contacts pass every filter, so they are on the first page; each alerts once per
        // session (not again when a filter or the typed text brings it back into view).
        const urgent = first.value.items.filter((i) => isPinnedUrgent(i.urgency));
        const seen = seenUrgent.current;
        const fresh0 = seen
          ? urgent.filter((i) => !seen.has(i.id) && Date.parse(i.updatedAt ?? i.contactAt) >= openedAt.current - 60_000)
          : [];
        if (fresh0.length) notify.current(fresh0);
        seenUrgent.current = new Set([...(seen ?? []), ...urgent.map((i) => i.id)]);
      }
    },
    [api, mineOnly, filterKey, text],
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
    (item: QueueItem) =>
      setPages((old) => new Map([...old].map(([p, items]) => [p, items.map((i) => (i.id === item.id ? item : i))]))),
    [],
  );
  const find = useCallback((id: string) => [...pages.values()].flat().find((i) => i.id === id), [pages]);
  return { ...counts, itemAt, ensureRange, replace, find };
}
