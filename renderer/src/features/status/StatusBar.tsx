import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useConnection } from '../../hooks/use-connection';

/** Always visible: is the regional service reachable, and is anything waiting to be sent. */
export function StatusBar() {
  const { t } = useTranslation();
  const { status, hostUp } = useConnection();
  const state = hostUp ? (status?.state ?? 'offline') : 'error';
  const format = useFormat();
  const time = status?.lastSyncAt ? format.time(status.lastSyncAt) : null;
  return (
    <footer className={`status status--${state}`} aria-label={t('a11y.status')}>
      <p role="status" data-testid="connection-state">
        <span className="status__dot" aria-hidden="true" />
        {hostUp ? t(`connection.${state}`) : t('connection.hostLost')}
      </p>
      {status && status.pending > 0 && <p>{t('connection.pending', { count: status.pending })}</p>}
      {status && status.conflicts > 0 && (
        <p className="status__attention" data-testid="conflict-count">
          {t('connection.conflicts', { count: status.conflicts })}
        </p>
      )}
      {time && <p>{t('connection.lastSync', { time })}</p>}
    </footer>
  );
}
