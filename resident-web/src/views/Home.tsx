import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentContact } from '../../../shared/protocol/resident';
import type { OpenVisit } from '../../../shared/protocol/video';
import type { ViewProps } from '../App';
import { api } from '../api';
import { Emergency } from './Emergency';
import { formatDateTime } from '../format';

export function Home({ session, go, version }: ViewProps) {
  const { t, i18n } = useTranslation();
  const [contacts, setContacts] = useState<ResidentContact[] | null>(null);
  const [visits, setVisits] = useState<OpenVisit[]>([]);
  useEffect(() => {
    let live = true;
    api.contacts(session.accessToken).then(
      (c) => live && setContacts(c),
      () => live && setContacts([]),
    );
    api.videoVisits(session.accessToken).then(
      (v) => live && setVisits(v),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [session.accessToken, version]);
  const actions = [
    ['assess', 'home.assess'],
    ['new-chat', 'home.chat'],
    ['callback', 'home.callback'],
    ['photo', 'home.photo'],
    ['measurement', 'home.measurement'],
    ['care-plans', 'home.carePlans'],
    ['consent', 'home.consent'],
    ['access-log', 'home.accessLog'],
  ] as const;
  return (
    <section>
      <h1 tabIndex={-1}>{t('home.greeting', { name: session.name })}</h1>
      <Emergency className="emergency" text={t('home.emergency')} />
      {visits.map((v) => (
        <p key={v.appointmentId}>
          <button type="button" onClick={() => go({ name: 'video', appointmentId: v.appointmentId })}>
            {t('video.openVisit')}
          </button>
        </p>
      ))}
      <ul className="actions">
        {actions.map(([name, label]) => (
          <li key={name}>
            <button type="button" onClick={() => go({ name })}>
              {t(label)}
            </button>
          </li>
        ))}
      </ul>
      <h2>{t('home.contacts')}</h2>
      {contacts && contacts.length === 0 && <p>{t('home.noContacts')}</p>}
      <ul className="contacts">
        {(contacts ?? []).map((c) => (
          <li key={c.taskId}>
            <span>
              <strong>{t(`kinds.${c.kind}`)}</strong> · {formatDateTime(c.authoredOn, i18n.language)} ·{' '}
              {t(`status.${c.status}`)}
              {c.unread > 0 && (
                <>
                  {' · '}
                  <strong className="new" data-testid="new-messages">
                    {t('home.newMessages', { count: c.unread })}
                  </strong>
                </>
              )}
            </span>
            <button
              type="button"
              onClick={() => go({ name: 'chat', taskId: c.taskId })}
              aria-label={`${t('home.open')}: ${t(`kinds.${c.kind}`)} ${formatDateTime(c.authoredOn, i18n.language)}`}
            >
              {t('home.open')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
