import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallError, Language, SessionState } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../app/use-result-error';
import { LanguagePicker } from '../settings/LanguagePicker';

interface SignInProps {
  /** Why the last session ended, when it did not end by the user's choice. */
  notice?: SessionState['notice'];
  onSignedIn(state: SessionState): void;
  language: Language;
  onLanguage(l: Language): void;
}

export function SignIn({ notice = null, onSignedIn, language, onLanguage }: SignInProps) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  // A device not enrolled yet asks once for the administrator's one-time code (docs/SECURITY.md).
  const needsCode = notice === 'enrollment_required' || notice === 'enrollment_code_invalid';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api['session.signIn']({
      username,
      password,
      ...(needsCode && code.trim() ? { enrollmentCode: code.trim() } : {}),
    });
    setBusy(false);
    // Asked for the enrollment code: username and password stay, the code field takes the focus.
    if (result.ok) onSignedIn(result.value);
    else {
      setError(result.error);
      setPassword('');
    }
  };

  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <div className="sign-in__card">
        <p className="brand">{t('app.name')}</p>
        <h1>{t('signIn.title')}</h1>
        {notice && (
          <p role="alert" className="notice" data-testid="session-notice">
            {t(`notices.${notice}`)}
          </p>
        )}
        <p>{t('signIn.intro')}</p>
        <form onSubmit={submit} noValidate>
          <label htmlFor="username">{t('signIn.username')}</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {needsCode && (
            <>
              <label htmlFor="enrollment-code">{t('signIn.enrollmentCode')}</label>
              <input
                id="enrollment-code"
                name="enrollment-code"
                autoComplete="off"
                autoFocus
                required
                aria-describedby="enrollment-code-hint"
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
              <p id="enrollment-code-hint" className="hint">
                {t('signIn.enrollmentCodeHint')}
              </p>
            </>
          )}
          {error && (
            <p role="alert" className="error">
              {errorText(error)}
            </p>
          )}
          <button type="submit" disabled={busy || !username || !password || (needsCode && !code.trim())}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
        <p className="hint">{t('signIn.demoHint')}</p>
        <LanguagePicker value={language} onChange={onLanguage} />
      </div>
    </main>
  );
}
