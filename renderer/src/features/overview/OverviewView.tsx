import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/contract';
import { useCall } from '../../api/use-call';
import { StatedReasonLog } from '../access/StatedReasonLog';

export function OverviewView({ user }: { user: User }) {
  const { t } = useTranslation();
  const info = useCall('app.info', {}).value;
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        {t('overview.greeting', { name: user.displayName })}
      </h1>
      <div className="cards">
        <article className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{t('overview.profile')}</h2>
          <dl>
            <dt>{t('overview.roles')}</dt>
            <dd>{user.roles.map((r) => t(`roles.${r}`)).join(', ')}</dd>
            <dt>{t('overview.languages')}</dt>
            <dd>{user.languages.map((l) => l.toUpperCase()).join(', ')}</dd>
          </dl>
        </article>
        {info && (
          <article className="card" aria-labelledby="workstation-title">
            <h2 id="workstation-title">{t('overview.workstation')}</h2>
            <dl>
              <dt>{t(`overview.host_${info.host}`)}</dt>
              <dd>{t('overview.version', { version: info.version })}</dd>
              <dt>{t('overview.backend')}</dt>
              <dd>{info.backendUrl}</dd>
            </dl>
          </article>
        )}
        {user.roles.includes('team_lead') && <StatedReasonLog />}
      </div>
    </section>
  );
}
