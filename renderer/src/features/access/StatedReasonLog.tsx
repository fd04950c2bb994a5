import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/use-call';
import { useErrorText } from '../../app/use-result-error';
import { useFormat } from '../../i18n/format';

/** The team lead's review: who opened which resident outside a care relationship, when and why. */
export function StatedReasonLog() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const when = useFormat().dateTime;
  const log = useCall('access.statedReasonLog', {});
  const entries = log.value?.entries ?? null;
  // In words, never the backend's own message.
  const error = log.error ? errorText(log.error) : null;
  return (
    <article className="card wide" aria-labelledby="stated-reason-log-title" data-testid="stated-reason-log">
      <h2 id="stated-reason-log-title">{t('access.logTitle')}</h2>
      <p className="muted">{t('access.logIntro')}</p>
      {error && <p role="alert">{error}</p>}
      {entries && entries.length === 0 && <p>{t('access.logEmpty')}</p>}
      {entries && entries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('access.when')}</th>
              <th scope="col">{t('access.who')}</th>
              <th scope="col">{t('access.resident')}</th>
              <th scope="col">{t('access.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{when(e.at)}</td>
                <td>
                  {e.staffName}
                  {e.profession && ` (${t(`roles.${e.profession}`, { defaultValue: e.profession })})`}
                </td>
                <td>{e.residentName}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
