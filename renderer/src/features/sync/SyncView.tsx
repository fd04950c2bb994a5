import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict, SyncProgress } from '../../../../shared/contract';
import { fieldDifferences } from '../../../../shared/fhir/field-diff';
import { useApi } from '../../api/api-context';
import { useAction, useCall } from '../../api/use-call';
import { useErrorText } from '../../app/use-result-error';

/** Where a professional sees what has not reached the regional service, and decides conflicts. */
export function SyncView() {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const listed = useCall('sync.conflicts', {});
  const resolveAction = useAction('sync.resolveConflict');
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const { set } = listed;
  useEffect(() => {
    // Main says when the conflicts change: that list is the newest answer.
    const offConflicts = api.on('sync.conflicts', (next: SyncConflict[]) => set(next));
    const offProgress = api.on('sync.progress', setProgress);
    return () => {
      offConflicts();
      offProgress();
    };
  }, [api, set]);
  const conflicts = listed.value ?? [];
  const error = resolveAction.error ? errorText(resolveAction.error) : null;

  const resolve = async (id: number, keep: 'mine' | 'theirs') => {
    const result = await resolveAction.run({ id, keep });
    if (result?.ok) set(result.value);
  };

  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        {t('sync.title')}
      </h1>
      {progress && (
        <p>
          <label htmlFor="sync-progress">
            {t('sync.progress', { received: progress.received, latest: progress.latest })}
          </label>
          <progress
            id="sync-progress"
            max={Math.max(progress.latest, 1)}
            value={Math.min(progress.cursor, progress.latest)}
          />
        </p>
      )}
      <h2>{t('sync.conflictsTitle')}</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {conflicts.length === 0 ? (
        <p>{t('sync.noConflicts')}</p>
      ) : (
        <ul className="conflicts">
          {conflicts.map((c) => (
            <li key={c.id} className="card">
              <h3>
                {c.resourceType} {c.resourceId}
              </h3>
              <p>{c.httpStatus === 412 ? t('sync.changedByOther') : t('sync.refused', { reason: c.reason ?? '' })}</p>
              {c.theirs && (
                <table>
                  <caption>{t('sync.differences')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('sync.field')}</th>
                      <th scope="col">{t('sync.mine')}</th>
                      <th scope="col">{t('sync.theirs')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fieldDifferences(c.mine, c.theirs).map((d) => (
                      <tr key={d.path}>
                        <th scope="row">{d.path}</th>
                        <td>{d.mine ?? '—'}</td>
                        <td>{d.theirs ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <div className="actions">
                {c.theirs && (
                  <button type="button" onClick={() => void resolve(c.id, 'mine')}>
                    {t('sync.keepMine')}
                  </button>
                )}
                <button type="button" className="secondary" onClick={() => void resolve(c.id, 'theirs')}>
                  {c.theirs ? t('sync.keepTheirs') : t('sync.discard')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
