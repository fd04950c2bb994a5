import { useTranslation } from 'react-i18next';
import { formatDuration } from './countdown';

/** A duration in the user's language: "1 pv 2 h", "3 h 5 min", "12 min". */
export function Duration({ ms }: { ms: number }) {
  const { t } = useTranslation();
  const d = formatDuration(ms);
  const text =
    d.days > 0
      ? t('queue.durationDays', { days: d.days, hours: d.hours })
      : d.hours > 0
        ? t('queue.durationHours', { hours: d.hours, minutes: d.minutes })
        : t('queue.durationMinutes', { minutes: d.minutes });
  return <>{d.negative ? t('queue.overdue', { time: text }) : text}</>;
}
