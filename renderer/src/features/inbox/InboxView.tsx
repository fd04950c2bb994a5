import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/contract';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { useConnection } from '../../hooks/use-connection';
import { useNow } from '../../hooks/use-now';
import { useFormat } from '../../i18n/format';
import { ItemDetail } from '../queue/ItemDetail';
import { useReasonText } from '../queue/use-reason-text';
import { useInbox } from './use-inbox';

/** Requests addressed to me: co-sign and consultation requests, and contacts handed to me. */
export function InboxView({ user }: { user: User }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasonText = useReasonText();
  const now = useNow(1000);
  const { online } = useConnection();
  const { items, loaded, reload } = useInbox();
  const [openId, setOpenId] = useState<string | null>(null);
  const [opened, setOpened] = useState<QueueItem | null>(null);
  const current = openId ? (items.find((i) => i.id === openId) ?? opened) : null;
  return (
    <section aria-labelledby="view-title" className="inbox-view">
      <h1 id="view-title" tabIndex={-1}>
        {t('inbox.title')}
      </h1>
      {loaded && items.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
      <ul className="inbox-list" data-testid="inbox">
        {items.map((item) => {
          const note = item.notes?.filter((n) => n.byId !== user.id).at(-1);
          return (
            <li key={item.id}>
              <button
                type="button"
                className="inbox-item"
                aria-current={item.id === openId ? 'true' : undefined}
                onClick={() => {
                  setOpenId(item.id);
                  setOpened(item);
                }}
              >
                <span className={`urgency urgency--${item.urgency}`}>{item.urgency}</span>{' '}
                <strong>{t(`inbox.kind_${item.kind === 'consultation' ? 'consultation' : 'handover'}`)}</strong> ·{' '}
                {item.resident.name}
                <span className="inbox-item__text">{note ? `${note.by ?? ''}: ${note.text}` : reasonText(item)}</span>
                <span className="hint">{format.dateTime(note?.at ?? item.contactAt)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {current && (
        <ItemDetail
          key={current.id}
          item={current}
          userId={user.id}
          isLead={user.roles.includes('team_lead')}
          online={online}
          now={now}
          claimMessage={null}
          onClaim={() => undefined}
          onChanged={() => reload()}
          onClose={() => setOpenId(null)}
        />
      )}
    </section>
  );
}
