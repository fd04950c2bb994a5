import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useCall } from '../../api/use-call';

interface FormProps {
  item: QueueItem;
  disabled: boolean;
}

/** Hands the contact to the doctors' queue with a note saying why. */
export function EscalateForm({ disabled, onEscalate }: FormProps & { onEscalate(note: string): void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <form
      className="escalate"
      onSubmit={(e) => {
        e.preventDefault();
        onEscalate(note);
      }}
    >
      <label htmlFor="escalate-note">{t('queue.escalateNote')}</label>
      <textarea id="escalate-note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <button type="submit" className="secondary" disabled={disabled || !note.trim()}>
        {t('queue.escalate')}
      </button>
    </form>
  );
}

/** Hands the contact to a named colleague, with a note for her. */
export function TransferForm({
  item,
  disabled,
  onTransfer,
}: FormProps & { onTransfer(toStaffId: string, note: string): void }) {
  const { t } = useTranslation();
  const colleagues = useCall('staff.colleagues', {});
  const others = (colleagues.value ?? []).filter((c) => c.id !== item.holder?.id);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  return (
    <form
      className="escalate"
      aria-labelledby="transfer-title"
      onSubmit={(e) => {
        e.preventDefault();
        onTransfer(to, note);
      }}
    >
      <h3 id="transfer-title">{t('queue.transferTo')}</h3>
      <label htmlFor="transfer-to">{t('queue.chooseColleague')}</label>
      <select id="transfer-to" value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">—</option>
        {others.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.profession ? ` (${t(`roles.${c.profession}`)})` : ''}
          </option>
        ))}
      </select>
      <label htmlFor="transfer-note">{t('queue.transferNote')}</label>
      <textarea id="transfer-note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <button type="submit" className="secondary" disabled={disabled || !to}>
        {t('queue.transfer')}
      </button>
    </form>
  );
}
