import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakGlassEntry } from '../../../../shared/protocol/access';
import { useApi } from '../../api/api-context';
import { useFormat } from '../../i18n/format';

/** The team lead's review: who opened which resident outside a care relationship, when and why. */
export function StatedReasonLog() {
  const { t } = useTranslation();
  const api = useApi();
  const when = useFormat().dateTime;
  const [entries, setEntries] = useState<BreakGlassEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api['access.statedReasonLog']({}).then((r) => {
      if (!live) return;
      if (r.ok) setEntries(r.value.entries);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api]);
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
