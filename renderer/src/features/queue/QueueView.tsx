import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings, SettingsPatch, User } from '../../../../shared/contract';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useConnection } from '../../hooks/use-connection';
import { useNow } from '../../hooks/use-now';
import { ItemDetail } from './ItemDetail';
import { QueueHead } from './QueueHead';
import { QueueList, rowHeight } from './QueueList';
import { QueueStatus, useFirstSync } from './QueueStatus';
import { ShortcutHelp } from './ShortcutHelp';
import { UrgentBanner } from './UrgentBanner';
import { useBackToQueue } from './use-back-to-queue';
import { useClaim } from './use-claim';
import { useQueue } from './use-queue';
import { resizeRail, useRailWidth } from './use-rail-width';
import { queueKeyHandler } from './use-queue-keys';
import { useUrgentAlert } from './use-urgent-alert';

interface Props {
  user: User;
  settings: Settings;
  onSettings(patch: SettingsPatch): Promise<boolean>;
}

/** The queue, and once a contact is opened, that contact with the queue narrowed to a live rail. */
export function QueueView({ user, settings, onSettings }: Props) {
  const now = useNow(1000);
  const { online } = useConnection();
  const { pulling, percent } = useFirstSync();
  const { mineOnly, ...queueFilter } = settings.queueFilters;
  const urgent = useUrgentAlert(settings);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  // Filtering runs in main over the whole cache; wait for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), 150);
    return () => clearTimeout(timer);
  }, [text]);
  const { total, matching, loaded, itemAt, ensureRange, replace, find } = useQueue(
    mineOnly,
    queueFilter,
    query,
    urgent.onNewUrgent,
  );
  const [selected, setSelected] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [openedItem, setOpenedItem] = useState<QueueItem | null>(null);
  const [help, setHelp] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const filter = useRef<HTMLInputElement>(null);
  useBackToQueue(list);
  const saveRailWidth = useCallback((railWidth: number) => void onSettings({ railWidth }), [onSettings]);
  // The opened contact stays open even when its page is refetched or it leaves the filter.
  const opened = openId ? (find(openId) ?? (openedItem?.id === openId ? openedItem : null)) : null;
  useRailWidth(list, !!opened, settings.railWidth, saveRailWidth);
  const current = itemAt(Math.min(selected, matching - 1));
  const open = (item: QueueItem | undefined) => {
    if (!item) return;
    setOpenId(item.id);
    setOpenedItem(item);
  };
  // Closing (or, after signing, going on) returns to the list, where the next contact is
  // selected: the signed one left the queue, so the same place now holds the next.
  const closeContact = () => {
    setOpenId(null);
    list.current?.focus();
  };
  const { claim, message: claimMessage } = useClaim(online, (item) => {
    replace(item);
    setOpenedItem(item);
  });

  const virtualizer = useVirtualizer({
    count: matching,
    getScrollElement: () => list.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const visible = virtualizer.getVirtualItems();
  const firstRow = visible[0]?.index ?? 0;
  const lastRow = visible.at(-1)?.index ?? 0;
  useEffect(() => ensureRange(firstRow, lastRow), [ensureRange, firstRow, lastRow]);
  useEffect(() => {
    if (matching > 0 && selected >= matching) setSelected(matching - 1);
  }, [matching, selected]);
  const move = (to: number) => {
    const next = Math.max(0, Math.min(matching - 1, to));
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKey = queueKeyHandler({
    move,
    selected,
    matching,
    openCurrent: () => open(current),
    claimCurrent: () => {
      if (!current) return;
      open(current);
      if (!current.holder) void claim(current.id);
    },
    focusFilter: () => filter.current?.focus(),
    showHelp: () => setHelp(true),
    close: () => setOpenId(null),
    leaveContact: closeContact,
    resizeRail: (by) => resizeRail(list, by),
  });

  return (
    <section
      aria-labelledby="view-title"
      className={`queue-view ${opened ? 'queue-view--working' : ''}`}
      onKeyDown={onKey}
    >
      <QueueHead
        settings={settings}
        onSettings={onSettings}
        shown={matching}
        total={total}
        now={now}
        text={text}
        onText={setText}
        filterRef={filter}
        onLeaveFilter={() => list.current?.focus()}
        onHelp={() => setHelp(true)}
      />
      <UrgentBanner item={urgent.notice} onDismiss={urgent.dismiss} />
      <QueueStatus pulling={pulling} percent={percent} />
      <div className="queue-body">
        <QueueList
          listRef={list}
          virtualizer={virtualizer}
          matching={matching}
          selected={selected}
          current={current}
          empty={loaded && matching === 0 && !pulling}
          now={now}
          itemAt={itemAt}
          onOpen={(index, item) => {
            setSelected(index);
            open(item);
          }}
        />
        {opened && (
          <ItemDetail
            key={opened.id}
            item={opened}
            userId={user.id}
            isLead={user.roles.includes('team_lead')}
            online={online}
            now={now}
            claimMessage={claimMessage?.id === opened.id ? claimMessage : null}
            onClaim={() => void claim(opened.id)}
            onChanged={replace}
            onClose={closeContact}
            onNext={closeContact}
          />
        )}
      </div>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </section>
  );
}
