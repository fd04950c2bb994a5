import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch, User } from '../../../../shared/contract';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../app/use-result-error';
import { useConnection } from '../../hooks/use-connection';
import { useNow } from '../../hooks/use-now';
import { useSyncProgress } from '../../hooks/use-sync-progress';
import { useFormat } from '../../i18n/format';
import { ItemDetail } from './ItemDetail';
import { QueueRow } from './QueueRow';
import { ShortcutHelp } from './ShortcutHelp';
import { alertUrgent } from './alert-urgent';
import { QueueFilterPanel } from './QueueFilterPanel';
import { UrgentAlertMute, alertsMuted } from './UrgentAlertMute';
import { useQueue } from './use-queue';

interface Props {
  user: User;
  settings: Settings;
  onSettings(patch: SettingsPatch): Promise<boolean>;
}

const rowHeight = 72;

export function QueueView({ user, settings, onSettings }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const now = useNow(1000);
  const { online, status } = useConnection();
  // A workstation still pulling the county says so instead of "no contacts".
  const progress = useSyncProgress();
  const behind = progress !== null && progress.cursor < progress.latest;
  const pulling = behind || (status?.state === 'syncing' && progress === null);
  const percent = progress && progress.latest > 0 ? Math.min(99, Math.floor((progress.cursor / progress.latest) * 100)) : null;
  const { mineOnly, ...queueFilter } = settings.queueFilters;
  const [urgentNotice, setUrgentNotice] = useState<QueueItem | null>(null);
  const format = useFormat();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  // Filtering runs in main over the whole cache; wait for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), 150);
    return () => clearTimeout(timer);
  }, [text]);
  const { total, matching, loaded, itemAt, ensureRange, replace, find } = useQueue(mineOnly, queueFilter, query, (fresh) => {
    const first = fresh[0];
    if (!first) return;
    setUrgentNotice(first);
    const title = t('queue.newUrgent', { count: fresh.length });
    const body = [`${first.urgency} ${t(`urgency.${first.urgency}`)}`, t(`kinds.${first.kind}`), format.language(first.resident.language), first.interpreterNeeded ? t('queue.interpreterNeeded') : '']
      .filter(Boolean)
      .join(' · ');
    if (!alertsMuted(settings, Date.now())) alertUrgent(title, body, settings.desktopNotifications);
  });
  const [selected, setSelected] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const filter = useRef<HTMLInputElement>(null);

  const [openedItem, setOpenedItem] = useState<QueueItem | null>(null);
  // The opened contact stays open even when its page is refetched or it leaves the filter.
  const opened = openId ? (find(openId) ?? (openedItem?.id === openId ? openedItem : null)) : null;
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
  // Alt+Q back to the queue from anywhere, also from a text field.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyQ') return;
      event.preventDefault();
      list.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const [claimMessage, setClaimMessage] = useState<{ id: string; text: string; error: boolean } | null>(null);
  const claim = async (id: string) => {
    if (!online) {
      setClaimMessage({ id, text: t('queue.claimNeedsConnection'), error: true });
      return;
    }
    const result = await api['queue.claim']({ id });
    if (result.ok) {
      replace(result.value.item);
      setOpenedItem(result.value.item);
      setClaimMessage({ id, error: false, text: result.value.outcome === 'claimed' ? t('queue.claimedByYou') : t('queue.takenBy', { name: result.value.item.holder?.name ?? '' }) });
    } else setClaimMessage({ id, text: errorText(result.error), error: true });
  };

  const virtualizer = useVirtualizer({ count: matching, getScrollElement: () => list.current, estimateSize: () => rowHeight, overscan: 8 });
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

  // Shortcuts work anywhere in the view except while typing in a field.
  const onKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    // Keys typed in a field or a dialog belong there; Enter and Space on a button press it.
    if (target.closest('input, textarea, select, dialog')) return;
    if ((event.key === 'Enter' || event.key === ' ') && target.closest('button, a, summary')) return;
    // So do keys in the opened contact (Enter on its buttons), except Esc, which closes it.
    if (target.closest('[data-contact-pane]')) {
      if (event.key === 'Escape') {
        event.preventDefault();
        closeContact();
      }
      return;
    }
    const keys: Record<string, () => void> = {
      j: () => move(selected + 1),
      ArrowDown: () => move(selected + 1),
      k: () => move(selected - 1),
      ArrowUp: () => move(selected - 1),
      Home: () => move(0),
      End: () => move(matching - 1),
      Enter: () => open(current),
      c: () => {
        if (!current) return;
        open(current);
        if (!current.holder) void claim(current.id);
      },
      '/': () => filter.current?.focus(),
      '?': () => setHelp(true),
      Escape: () => setOpenId(null),
    };
    const run = keys[event.key];
    if (run) {
      event.preventDefault();
      run();
    }
  };

  return (
    <section aria-labelledby="view-title" className={`queue-view ${opened ? 'queue-view--working' : ''}`} onKeyDown={onKey}>
      <div className="queue-head">
        <h1 id="view-title" tabIndex={-1}>
          {t('queue.title')}
        </h1>
        <p className="hint">{t('queue.count', { shown: matching, total })}</p>
        <label className="inline">
          <input type="checkbox" checked={mineOnly} onChange={(e) => void onSettings({ queueFilters: { ...settings.queueFilters, mineOnly: e.target.checked } })} />
          {t('queue.mineOnly')}
        </label>
        <QueueFilterPanel filters={settings.queueFilters} onChange={(queueFilters) => void onSettings({ queueFilters })} />
        <label htmlFor="queue-filter" className="visually-hidden">
          {t('queue.filter')}
        </label>
        <input id="queue-filter" ref={filter} type="search" placeholder={t('queue.filterPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => {
            // Esc leaves the filter for the list and keeps what was typed.
            if (e.key !== 'Escape') return;
            e.preventDefault();
            list.current?.focus();
          }}
        />
        <button type="button" className="secondary" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('queue.shortcuts')}
        </button>
        <UrgentAlertMute settings={settings} now={now} onSettings={onSettings} />
      </div>
      {urgentNotice && (
        <div role="alert" className="banner banner--urgent" data-testid="urgent-alert">
          <p>
            {t('queue.newUrgent', { count: 1 })}: {urgentNotice.urgency} {t(`urgency.${urgentNotice.urgency}`)} · {t(`kinds.${urgentNotice.kind}`)} · {urgentNotice.resident.name} (
            {format.language(urgentNotice.resident.language)}){urgentNotice.interpreterNeeded && ` · ${t('queue.interpreterNeeded')}`}
          </p>
          <button type="button" className="secondary" onClick={() => setUrgentNotice(null)}>
            {t('notices.dismiss')}
          </button>
        </div>
      )}
      {pulling && (
        <p className="sync-progress" role="status" data-testid="queue-syncing">
          <label htmlFor="queue-sync-progress">{percent === null ? t('queue.syncingStart') : t('queue.syncing', { percent })}</label>
          <progress id="queue-sync-progress" max={100} value={percent ?? undefined} />
        </p>
      )}
      {!online && status && (
        <p role="alert" className="banner" data-testid="offline-banner">
          {t('queue.offlineBanner')}
        </p>
      )}
      <div className="queue-body">
        <div
          ref={list}
          className="queue-list"
          // An empty listbox is not a listbox: then it is a plain region saying so.
          role={matching > 0 ? 'listbox' : 'region'}
          tabIndex={0}
          aria-label={t('queue.listLabel')}
          aria-activedescendant={current ? `queue-item-${current.id}` : undefined}
          data-testid="queue-list"
        >
          {loaded && matching === 0 && !pulling && <p className="empty">{t('queue.empty')}</p>}
          <div style={{ height: virtualizer.getTotalSize() }} className="queue-list__inner">
            {visible.map((row) => {
              const item = itemAt(row.index);
              return (
                <div key={item?.id ?? `row-${row.index}`} className="queue-list__slot" style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}>
                  {item ? (
                    <QueueRow
                      item={item}
                      now={now}
                      selected={row.index === selected}
                      index={row.index}
                      count={matching}
                      onOpen={() => {
                        setSelected(row.index);
                        open(item);
                      }}
                    />
                  ) : (
                    <div role="option" aria-selected={false} aria-posinset={row.index + 1} aria-setsize={matching} className="queue-row queue-row--loading">
                      {t('queue.loading')}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
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
