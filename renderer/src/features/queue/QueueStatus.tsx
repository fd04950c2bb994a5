import { useTranslation } from 'react-i18next';
import { useConnection } from '../../hooks/use-connection';
import { useSyncProgress } from '../../hooks/use-sync-progress';

/** Whether the workstation is still pulling the county (then it says so instead of "no contacts"). */
export function useFirstSync() {
  const { status } = useConnection();
  const progress = useSyncProgress();
  const behind = progress !== null && progress.cursor < progress.latest;
  const pulling = behind || (status?.state === 'syncing' && progress === null);
  const percent =
    progress && progress.latest > 0 ? Math.min(99, Math.floor((progress.cursor / progress.latest) * 100)) : null;
  return { pulling, percent };
}

/** First-sync progress and the offline banner above the queue. */
export function QueueStatus({ pulling, percent }: { pulling: boolean; percent: number | null }) {
  const { t } = useTranslation();
  const { online, status } = useConnection();
  return (
    <>
      {pulling && (
        <p className="sync-progress" role="status" data-testid="queue-syncing">
          <label htmlFor="queue-sync-progress">
            {percent === null ? t('queue.syncingStart') : t('queue.syncing', { percent })}
          </label>
          <progress id="queue-sync-progress" max={100} value={percent ?? undefined} />
        </p>
      )}
      {!online && status && (
        <p role="alert" className="banner" data-testid="offline-banner">
          {t('queue.offlineBanner')}
        </p>
      )}
    </>
  );
}
