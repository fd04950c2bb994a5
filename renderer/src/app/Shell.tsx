import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/contract';
import { useInbox } from '../features/inbox/use-inbox';
import { StatusBar } from '../features/status/StatusBar';
import { type View, viewsFor } from './views';

interface ShellProps {
  user: User;
  view: View;
  onView(view: View): void;
  onSignOut(): void;
  /** Locks the workstation now (leaving the desk); the password opens it again. */
  onLock?(): void;
  children: ReactNode;
}

export function Shell({ user, view, onView, onSignOut, onLock, children }: ShellProps) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const views = viewsFor(user.roles);
  const inbox = useInbox();

  // Alt+1…n switch views from anywhere, without stealing keys from text fields.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number(event.key) - 1;
      const target = views[index];
      if (target) {
        event.preventDefault();
        onView(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onView, views]);

  // Move focus to the new view's heading so screen readers announce it and Tab starts there.
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [view]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <header className="topbar">
        <p className="brand">
          {t('app.name')} <span className="brand__tagline">{t('app.tagline')}</span>
        </p>
        <nav aria-label={t('a11y.mainNav')}>
          <ul>
            {views.map((v, i) => (
              <li key={v}>
                <button
                  type="button"
                  aria-current={v === view ? 'page' : undefined}
                  onClick={() => onView(v)}
                  aria-keyshortcuts={`Alt+${i + 1}`}
                >
                  {t(`nav.${v}`)}
                  {v === 'inbox' && inbox.items.length > 0 && (
                    <span className="count" data-testid="inbox-count">
                      {' '}
                      <span aria-hidden="true">{inbox.items.length}</span>
                      <span className="visually-hidden">{t('inbox.count', { count: inbox.items.length })}</span>
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <p className="topbar__user">{user.displayName}</p>
        {onLock && (
          <button type="button" className="secondary" onClick={onLock}>
            {t('lock.lockNow')}
          </button>
        )}
        <button type="button" className="secondary" onClick={onSignOut}>
          {t('nav.signOut')}
        </button>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
      <StatusBar />
    </div>
  );
}
