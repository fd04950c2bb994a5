import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';

interface Props {
  residentId: string;
  residentName: string;
}

/**
 * "Break the glass": outside a care relationship only the contact, name, age and language show;
 * her records open only with a stated reason, which is logged and shown to the team lead and to
 * the resident. Main refreshes the cache and says the queue changed, so the context re-reads.
 */
export function StatedReasonAccess({ residentId, residentName }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const enough = reason.trim().length >= 10;
  const open = async () => {
    setBusy(true);
    setError(null);
    const r = await api['access.openWithReason']({ resident: residentId, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) setError(r.error.message);
  };
  return (
    <section className="stated-reason" aria-labelledby="stated-reason-title" data-testid="stated-reason">
      <p id="stated-reason-title">{t('access.notInCare', { name: residentName })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (enough && !busy) void open();
        }}
      >
        <label htmlFor="stated-reason-text">{t('access.reasonLabel')}</label>
        <textarea
          id="stated-reason-text"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby="stated-reason-hint"
          maxLength={500}
        />
        <p id="stated-reason-hint" className="hint">
          {t('access.reasonHint')}
        </p>
        <button type="submit" disabled={!enough || busy}>
          {busy ? t('access.opening') : t('access.open')}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
