import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { QueueRow } from './QueueRow';

export const rowHeight = 72;

interface Props {
  listRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  matching: number;
  selected: number;
  current: QueueItem | undefined;
  /** Nothing matches and nothing is still on its way. */
  empty: boolean;
  now: number;
  itemAt(index: number): QueueItem | undefined;
  onOpen(index: number, item: QueueItem): void;
}

/** The queue as a listbox of rows, only the visible ones rendered (100,000 items stay fast). */
export function QueueList({ listRef, virtualizer, matching, selected, current, empty, now, itemAt, onOpen }: Props) {
  const { t } = useTranslation();
  return (
    <div
      ref={listRef}
      className="queue-list"
      // An empty listbox is not a listbox: then it is a plain region saying so.
      role={matching > 0 ? 'listbox' : 'region'}
      tabIndex={0}
      aria-label={t('queue.listLabel')}
      aria-activedescendant={current ? `queue-item-${current.id}` : undefined}
      data-testid="queue-list"
    >
      {empty && <p className="empty">{t('queue.empty')}</p>}
      <div style={{ height: virtualizer.getTotalSize() }} className="queue-list__inner">
        {virtualizer.getVirtualItems().map((row) => {
          const item = itemAt(row.index);
          return (
            <div
              key={item?.id ?? `row-${row.index}`}
              className="queue-list__slot"
              style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}
            >
              {item ? (
                <QueueRow
                  item={item}
                  now={now}
                  selected={row.index === selected}
                  index={row.index}
                  count={matching}
                  onOpen={() => onOpen(row.index, item)}
                />
              ) : (
                <div
                  role="option"
                  aria-selected={false}
                  aria-posinset={row.index + 1}
                  aria-setsize={matching}
                  className="queue-row queue-row--loading"
                >
                  {t('queue.loading')}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
