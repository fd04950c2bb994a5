import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/contract';
import { type RecentContact, matchesRecent } from '../../../../shared/queue/recent-contact';
import { useCall } from '../../api/use-call';
import { useConnection } from '../../hooks/use-connection';
import { useNow } from '../../hooks/use-now';
import { useFormat } from '../../i18n/format';
import { ItemDetail } from '../queue/ItemDetail';
import { useReasonText } from '../queue/use-reason-text';

/**
 * Find it again: the contacts she held or documented in the last 30 days, open and closed, from
 * her cache. Opening one shows the same contact view as the queue (its signed record, correction
 * and the resident's summary), whose resident read is the logged one.
 */
export function RecentView({ user }: { user: User }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasonText = useReasonText();
  const now = useNow(1000);
  const { online } = useConnection();
  const recent = useCall('contacts.recent', {}, ['queue.changed']);
  const [text, setText] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [opened, setOpened] = useState<RecentContact | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const all = recent.value?.items ?? [];
  const items = text.trim() ? all.filter((item) => matchesRecent(item, text)) : all;
  const current = openId ? (all.find((i) => i.id === openId) ?? opened) : null;
  const loaded = recent.value !== null;

  // Focus where the next action is: the newest contact, once the list has come.
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (!loaded || focusedOnce.current) return;
    focusedOnce.current = true;
    list.current?.querySelector<HTMLElement>('button')?.focus();
  }, [loaded]);

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const next = buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <section aria-labelledby="view-title" className="inbox-view">
      <h1 id="view-title" tabIndex={-1}>
        {t('recent.title')}
      </h1>
      <p className="hint">{t('recent.intro')}</p>
      <label>
        {t('recent.search')}
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {loaded && all.length === 0 && <p className="empty">{t('recent.empty')}</p>}
      {loaded && all.length > 0 && items.length === 0 && <p className="empty">{t('recent.noMatch')}</p>}
      <ul className="inbox-list" data-testid="recent" ref={list} onKeyDown={onListKey}>
        {items.map((item) => (
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
              <strong>{item.resident.name}</strong>
              <span>{t(`taskStatus.${item.status}`, { defaultValue: item.status })}</span>
              <span className="inbox-item__text">{reasonText(item)}</span>
              <span className="hint">
                {format.dateTime(item.at)} ·{' '}
                {item.signedAt ? t('recent.signed', { when: format.dateTime(item.signedAt) }) : t('recent.notSigned')}
              </span>
            </button>
          </li>
        ))}
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
          onChanged={() => recent.reload()}
          onClose={() => setOpenId(null)}
        />
      )}
    </section>
  );
}
