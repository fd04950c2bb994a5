import { useTranslation } from 'react-i18next';
import { useKeptText } from '../kept/use-kept-text';

/** Starts a correction of a signed record; the reason is kept as it is typed. */
export function CorrectionForm({ draftId, onStart }: { draftId: string; onStart(reason: string): Promise<boolean> }) {
  const { t } = useTranslation();
  const reason = useKeptText(`correction-reason:${draftId}`);
  return (
    <form
      className="escalate"
      onSubmit={(e) => {
        e.preventDefault();
        void onStart(reason.value.trim()).then((ok) => ok && reason.clear());
      }}
    >
      <label htmlFor="doc-correction-reason">{t('documentation.correction.reason')}</label>
      <textarea id="doc-correction-reason" rows={2} value={reason.value} onChange={(e) => reason.set(e.target.value)} />
      <button type="submit" className="secondary" disabled={!reason.value.trim()}>
        {t('documentation.correction.start')}
      </button>
    </form>
  );
}
