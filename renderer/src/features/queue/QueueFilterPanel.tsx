import { useTranslation } from 'react-i18next';
import { urgencyClasses } from '../../../../shared/care-guarantee/urgency';
import type { Settings } from '../../../../shared/contract';
import { type QueueFilter, noQueueFilter, pinnedUrgentRank } from '../../../../shared/queue/routing';
import { contactKinds } from '../../../../shared/queue/task-conventions';
import { residentLanguages } from '../../../../shared/i18n/resident';
import { useFormat } from '../../i18n/format';

type Filters = Settings['queueFilters'];

/** Classes a filter can narrow: the urgent ones always show, so offering them would mislead. */
const filterable = urgencyClasses.filter((_, rank) => rank > pinnedUrgentRank);
const holders = ['any', 'mine', 'unclaimed'] as const;

export const activeFilterCount = (f: QueueFilter): number =>
  (f.urgencies.length ? 1 : 0) + (f.kinds.length ? 1 : 0) + (f.languages.length ? 1 : 0) + (f.holder !== 'any' ? 1 : 0);

const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...list, value] : list.filter((v) => v !== value);

/** The user's own queue filters, kept per user in settings. */
export function QueueFilterPanel({ filters, onChange }: { filters: Filters; onChange(next: Filters): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const count = activeFilterCount(filters);
  return (
    <details className="queue-filters" data-testid="queue-filters">
      <summary>{count ? t('queue.filtersActive', { count }) : t('queue.filters')}</summary>
      <p className="hint">{t('queue.urgentAlwaysShown')}</p>
      <fieldset className="choice">
        <legend>{t('queue.filterUrgency')}</legend>
        {filterable.map((u) => (
          <label key={u}>
            <input
              type="checkbox"
              checked={filters.urgencies.includes(u)}
              onChange={(e) => onChange({ ...filters, urgencies: toggle(filters.urgencies, u, e.target.checked) })}
            />
            {u} {t(`urgency.${u}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice">
        <legend>{t('queue.filterKind')}</legend>
        {contactKinds.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={filters.kinds.includes(k)}
              onChange={(e) => onChange({ ...filters, kinds: toggle(filters.kinds, k, e.target.checked) })}
            />
            {t(`kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice">
        <legend>{t('queue.filterLanguage')}</legend>
        {residentLanguages.map((l) => (
          <label key={l}>
            <input
              type="checkbox"
              checked={filters.languages.includes(l)}
              onChange={(e) => onChange({ ...filters, languages: toggle(filters.languages, l, e.target.checked) })}
            />
            {format.language(l)}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice">
        <legend>{t('queue.filterHolder')}</legend>
        {holders.map((h) => (
          <label key={h}>
            <input
              type="radio"
              name="queue-holder"
              checked={filters.holder === h}
              onChange={() => onChange({ ...filters, holder: h })}
            />
            {t(`queue.holder_${h}`)}
          </label>
        ))}
      </fieldset>
      {count > 0 && (
        <button type="button" className="secondary" onClick={() => onChange({ ...filters, ...noQueueFilter })}>
          {t('queue.clearFilters')}
        </button>
      )}
    </details>
  );
}
