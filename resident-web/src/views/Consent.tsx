import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewProps } from '../App';
import { api } from '../api';

export function Consent({ session }: ViewProps) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<'given' | 'withdrawn' | 'none' | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    api.consent(session.accessToken).then(
      (c) => setDecision(c.decision),
      () => setError(true),
    );
  }, [session.accessToken]);
  const change = async (next: 'permit' | 'deny') => {
    setError(false);
    try {
      setDecision((await api.setConsent(session.accessToken, next)).decision);
    } catch {
      setError(true);
    }
  };
  return (
    <section>
      <h1 tabIndex={-1}>{t('consent.heading')}</h1>
      <p>{t('consent.explain')}</p>
      {decision && (
        <p role="status">
          <strong>{t(`consent.${decision}`)}</strong>
        </p>
      )}
      <div className="row">
        <button type="button" onClick={() => change('permit')} aria-pressed={decision === 'given'}>
          {t('consent.give')}
        </button>
        <button type="button" onClick={() => change('deny')} aria-pressed={decision === 'withdrawn'}>
          {t('consent.withdraw')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {t('errors.generic')}
        </p>
      )}
    </section>
  );
}
