import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRequest } from '../../../../shared/documentation/requests';
import type { DraftView } from '../../../../shared/documentation/view';
import { useCall } from '../../api/use-call';
import { useKeptText } from '../kept/use-kept-text';

interface Props {
  draft: DraftView;
  userId: string;
  step(request: DraftRequest): Promise<boolean>;
}

/**
 * Asking a colleague (usually a doctor) to co-sign, and the co-signer's answer: co-sign, or
 * return to the author with a reason. The draft travels with its history.
 */
export function CosignPanel({ draft, userId, step }: Props) {
  const { t } = useTranslation();
  const asking = draft.state === 'draft' && draft.step === 'review' && draft.author.id === userId;
  const colleagues = (useCall('staff.colleagues', asking ? {} : null).value ?? []).filter(
    (c) => c.id !== userId && c.profession,
  );
  const [to, setTo] = useState('');
  // Kept as typed (a crash or restart loses neither), forgotten once the step is taken.
  const requestNote = useKeptText(`cosign-note:${draft.id}`);
  const returnNote = useKeptText(`cosign-return:${draft.id}`);

  if (draft.state === 'awaitingCosign' && draft.cosign) {
    if (draft.cosign.requestedFrom.id !== userId)
      return (
        <p role="status" data-testid="cosign-status">
          {t('documentation.cosign.waiting', { name: draft.cosign.requestedFrom.name })}
        </p>
      );
    return (
      <div className="escalate" data-testid="cosign-answer">
        <p>{t('documentation.cosign.asked', { name: draft.author.name, note: draft.cosign.note })}</p>
        <button type="button" onClick={() => void step({ type: 'COSIGN' })}>
          {t('documentation.cosign.confirm')}
        </button>
        <label htmlFor="cosign-return">{t('documentation.cosign.returnNote')}</label>
        <textarea
          id="cosign-return"
          rows={2}
          value={returnNote.value}
          onChange={(e) => returnNote.set(e.target.value)}
        />
        <button
          type="button"
          className="secondary"
          disabled={!returnNote.value.trim()}
          onClick={() =>
            void step({ type: 'RETURN', note: returnNote.value.trim() }).then((ok) => ok && returnNote.clear())
          }
        >
          {t('documentation.cosign.return')}
        </button>
      </div>
    );
  }
  if (draft.state === 'signed' && draft.signed?.cosignedBy)
    return (
      <p data-testid="cosign-status">{t('documentation.cosign.cosignedBy', { name: draft.signed.cosignedBy.name })}</p>
    );
  if (!asking) return null;
  return (
    <form
      className="escalate"
      aria-labelledby="cosign-title"
      onSubmit={(e) => {
        e.preventDefault();
        void step({ type: 'REQUEST_COSIGN', toStaffId: to, note: requestNote.value.trim() }).then(
          (ok) => ok && requestNote.clear(),
        );
      }}
    >
      <h4 id="cosign-title">{t('documentation.cosign.heading')}</h4>
      <label htmlFor="cosign-to">{t('documentation.cosign.to')}</label>
      <select id="cosign-to" value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">—</option>
        {colleagues.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({t(`roles.${c.profession}`)})
          </option>
        ))}
      </select>
      <label htmlFor="cosign-note">{t('documentation.cosign.note')}</label>
      <textarea id="cosign-note" rows={2} value={requestNote.value} onChange={(e) => requestNote.set(e.target.value)} />
      <button type="submit" className="secondary" disabled={!to}>
        {t('documentation.cosign.send')}
      </button>
    </form>
  );
}
