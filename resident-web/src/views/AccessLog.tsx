import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessLogLine } from '../../../shared/protocol/access';
import type { ViewProps } from '../App';
import { api } from '../api';

/** "Who has looked at my data": every professional's access to her data, with the reason when one was stated. */
export function AccessLog({ session, version }: ViewProps) {
  const { t, i18n } = useTranslation();
  const [lines, setLines] = useState<AccessLogLine[] | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    api.accessLog(session.accessToken).then(
      (log) => live && setLines(log.lines),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, [session.accessToken, version]);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Helsinki',
    });
  const profession = (p: string) =>
    p === 'nurse' || p === 'doctor' || p === 'social_worker' ? t(`accessLog.professions.${p}`) : '';
  return (
    <section aria-labelledby="access-log-title">
      <h1 id="access-log-title" tabIndex={-1}>
        {t('accessLog.heading')}
      </h1>
      <p>{t('accessLog.explain')}</p>
      {error && (
        <p role="alert" className="error">
          {t('errors.generic')}
        </p>
      )}
      {lines && lines.length === 0 && <p>{t('accessLog.empty')}</p>}
      {lines && lines.length > 0 && (
        <ul className="access-log" data-testid="access-log">
          {lines.map((l, i) => (
            <li key={`${l.at}-${i}`}>
              <strong>{when(l.at)}</strong> · {l.who}
              {profession(l.profession) && ` (${profession(l.profession)})`}{' '}
              {t(`accessLog.${l.action === 'opened-with-reason' ? 'openedWithReason' : l.action}`)}
              {l.reason && (
                <>
                  <br />
                  {t('accessLog.reason')}: {l.reason}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
