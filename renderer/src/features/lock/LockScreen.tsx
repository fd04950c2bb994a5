import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallError, LockState, SessionState, User } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../app/use-result-error';

interface LockScreenProps {
  user: User;
  lock: LockState;
  onSignedOut(state: SessionState): void;
}

/**
 * Covers the workstation while it is locked. The work behind it stays mounted (drafts, a video
 * call) but hidden and inert; the password brings it back, or the user switches to a colleague.
 */
export function LockScreen({ user, lock, onSignedOut }: LockScreenProps) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api['lock.unlock']({ password });
    setBusy(false);
    setPassword('');
    if (!result.ok) setError(result.error);
  };

  const switchUser = async () => {
    const result = await api['session.signOut']({});
    if (result.ok) onSignedOut(result.value);
  };

  const message =
    error?.code === 'unauthenticated'
      ? t('lock.wrongPassword')
      : error?.code === 'unavailable'
        ? t('lock.stillOffline')
        : error
          ? errorText(error)
          : null;

  return (
    <main id="lock" className="sign-in lock-screen" tabIndex={-1} data-testid="lock-screen">
      <div className="sign-in__card">
        <p className="brand">{t('app.name')}</p>
        <h1>{t('lock.title')}</h1>
        <p>{t(`lock.${lock.reason ?? 'idle'}`)}</p>
        <p className="topbar__user">{t('lock.signedInAs', { name: user.displayName })}</p>
        <form onSubmit={submit} noValidate>
          {/* The username field lets password managers and screen readers know whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
          <label htmlFor="unlock-password">{t('lock.password')}</label>
          <input
            id="unlock-password"
            name="password"
            type="password"
            autoComplete="current-password"
            autoFocus
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {message && (
            <p role="alert" className="error">
              {message}
            </p>
          )}
          <button type="submit" disabled={busy || !password}>
            {busy ? t('lock.unlocking') : t('lock.unlock')}
          </button>
        </form>
        <p className="hint">{t('lock.switchHint')}</p>
        <button type="button" className="secondary" onClick={() => void switchUser()}>
          {t('lock.switchUser')}
        </button>
      </div>
    </main>
  );
}
