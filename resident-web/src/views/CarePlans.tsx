import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentCarePlan } from '../../../shared/protocol/resident';
import type { ViewProps } from '../App';
import { api } from '../api';
import { formatDate } from '../format';

/** "My care plans": the self-care advice and next steps she was given in signed contacts, newest first. */
export function CarePlans({ session, version }: ViewProps) {
  const { t, i18n } = useTranslation();
  const [plans, setPlans] = useState<ResidentCarePlan[] | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    api.carePlans(session.accessToken).then(
      (p) => live && setPlans(p),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, [session.accessToken, version]);
  const parts = [
    ['reason', 'carePlans.reason'],
    ['advice', 'carePlans.advice'],
    ['followUp', 'carePlans.followUp'],
  ] as const;
  return (
    <section aria-labelledby="care-plans-title">
      <h1 id="care-plans-title" tabIndex={-1}>
        {t('carePlans.heading')}
      </h1>
      {error && (
        <p role="alert" className="error">
          {t('errors.generic')}
        </p>
      )}
      {plans && plans.length === 0 && <p>{t('carePlans.empty')}</p>}
      {plans?.map((p) => (
        <article key={p.id} className="care-plan" aria-labelledby={`plan-${p.id}`}>
          <h2 id={`plan-${p.id}`}>{t('carePlans.signed', { date: formatDate(p.signedAt, i18n.language) })}</h2>
          <dl>
            {parts
              .filter(([key]) => p[key].trim())
              .map(([key, label]) => (
                <div key={key}>
                  <dt>{t(label)}</dt>
                  <dd className="plan-text">{p[key]}</dd>
                </div>
              ))}
            <div>
              <dt>{t('carePlans.professional')}</dt>
              <dd>{p.professional}</dd>
            </div>
          </dl>
        </article>
      ))}
    </section>
  );
}
