import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../../shared/contract';
import { QueueFilterPanel } from './QueueFilterPanel';
import { UrgentAlertMute } from './UrgentAlertMute';

interface Props {
  settings: Settings;
  onSettings(patch: SettingsPatch): Promise<boolean>;
  shown: number;
  total: number;
  now: number;
  text: string;
  onText(text: string): void;
  filterRef: RefObject<HTMLInputElement | null>;
  /** Esc in the search box: back to the list, keeping what was typed. */
  onLeaveFilter(): void;
  onHelp(): void;
}

/** The queue's title and count, the user's filters (kept in her settings), search and the alert's mute. */
export function QueueHead({
  settings,
  onSettings,
  shown,
  total,
  now,
  text,
  onText,
  filterRef,
  onLeaveFilter,
  onHelp,
}: Props) {
  const { t } = useTranslation();
  const filters = settings.queueFilters;
  return (
    <div className="queue-head">
      <h1 id="view-title" tabIndex={-1}>
        {t('queue.title')}
      </h1>
      <p className="hint">{t('queue.count', { shown, total })}</p>
      <label className="inline">
        <input
          type="checkbox"
          checked={filters.mineOnly}
          onChange={(e) => void onSettings({ queueFilters: { ...filters, mineOnly: e.target.checked } })}
        />
        {t('queue.mineOnly')}
      </label>
      <QueueFilterPanel filters={filters} onChange={(queueFilters) => void onSettings({ queueFilters })} />
      <label htmlFor="queue-filter" className="visually-hidden">
        {t('queue.filter')}
      </label>
      <input
        id="queue-filter"
        ref={filterRef}
        type="search"
        placeholder={t('queue.filterPlaceholder')}
        value={text}
        onChange={(e) => onText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          onLeaveFilter();
        }}
      />
      <button type="button" className="secondary" onClick={onHelp} aria-keyshortcuts="?">
        {t('queue.shortcuts')}
      </button>
      <UrgentAlertMute settings={settings} now={now} onSettings={onSettings} />
    </div>
  );
}
