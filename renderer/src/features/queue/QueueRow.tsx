import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useFormat } from '../../i18n/format';
import { Duration } from './Duration';
import { useReasonText } from './use-reason-text';
import { countdownLevel } from './countdown';

interface Props {
  item: QueueItem;
  now: number;
  selected: boolean;
  index: number;
  count: number;
  onOpen(): void;
}

export function QueueRow({ item, now, selected, index, count, onOpen }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasonText = useReasonText();
  const level = countdownLevel(item.deadline, now);
  return (
    <div
      id={`queue-item-${item.id}`}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      className={`queue-row ${selected ? 'queue-row--selected' : ''}`}
      data-testid="queue-row"
      data-item-id={item.id}
      onClick={onOpen}
    >
      <span className={`urgency urgency--${item.urgency}`} title={t(`urgency.${item.urgency}`)}>
        {item.urgency}
      </span>
      <span className="queue-row__main">
        <span className="queue-row__resident">
          {item.resident.name}
          {item.resident.age !== null && `, ${t('queue.age', { age: item.resident.age })}`}{' '}
          <span className="lang">{format.language(item.resident.language)}</span>
          {item.interpreterNeeded && (
            <>
              {' '}
              <span className="interpreter" data-testid="interpreter-needed" title={t('queue.interpreterNeededHint')}>
                {t('queue.interpreterNeeded')}
              </span>
            </>
          )}
        </span>
        <span className="queue-row__reason">
          {t(`kinds.${item.kind}`)} · {reasonText(item)}
          {item.unread ? (
            <>
              {' '}
              <span className="unread" data-testid="unread">
                {t('queue.unread', { count: item.unread })}
              </span>
            </>
          ) : null}
        </span>
      </span>
      <span className="queue-row__times">
        <span>
          {t('queue.waiting')} <Duration ms={now - new Date(item.contactAt).getTime()} />
        </span>
        <span className={`countdown countdown--${level}`} data-testid="countdown">
          {new Date(item.deadline).getTime() >= now && `${t('queue.deadlineIn')} `}
          <Duration ms={new Date(item.deadline).getTime() - now} />
        </span>
      </span>
      <span className="queue-row__holder" data-testid="holder">
        {item.holder ? t('queue.heldBy', { name: item.holder.name }) : t('queue.unclaimed')}
      </span>
    </div>
  );
}
