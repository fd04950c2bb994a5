import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useFormat } from '../../i18n/format';

/** Escalation and transfer notes, at the top of the contact for whoever has it now. */
export function HandoverNotes({ notes }: { notes: QueueItem['notes'] }) {
  const { t } = useTranslation();
  const when = useFormat().dateTime;
  if (!notes?.length) return null;
  return (
    <section className="handover" aria-labelledby="handover-title" data-testid="handover-notes">
      <h3 id="handover-title">{t('queue.notesTitle')}</h3>
      <ul>
        {notes.map((n, i) => (
          <li key={`${n.at ?? ''}-${i}`}>
            <p className="handover__text">{n.text}</p>
            <p className="hint">{[n.by, n.at ? when(n.at) : null].filter(Boolean).join(', ')}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
