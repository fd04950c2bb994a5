import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useFormat } from '../../i18n/format';
import { Duration } from './Duration';
import { useReasonText } from './use-reason-text';

/** What the contact is, how urgent, by when, why, and who holds it: in words and local times. */
export function ContactFacts({ item, now }: { item: QueueItem; now: number }) {
  const { t } = useTranslation();
  const when = useFormat().dateTime;
  const reasonText = useReasonText();
  return (
    <dl className="facts facts--row">
      <dt>{t('queue.kind')}</dt>
      <dd>{t(`kinds.${item.kind}`)}</dd>
      <dt>{t('queue.urgency')}</dt>
      <dd>
        {item.urgency} – {t(`urgency.${item.urgency}`)}
      </dd>
      <dt>{t('queue.contactAt')}</dt>
      <dd>{when(item.contactAt)}</dd>
      <dt>{t('queue.deadline')}</dt>
      <dd>
        {when(item.deadline)} (<Duration ms={new Date(item.deadline).getTime() - now} />)
      </dd>
      <dt>{t('queue.regionalTarget')}</dt>
      <dd>{when(item.regionalTarget)}</dd>
      <dt>{t('queue.reason')}</dt>
      <dd>{reasonText(item)}</dd>
      <dt>{t('queue.holder')}</dt>
      <dd data-testid="detail-holder">{item.holder ? item.holder.name : t('queue.unclaimed')}</dd>
    </dl>
  );
}
