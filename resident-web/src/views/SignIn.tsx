import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentSession } from '../../../shared/protocol/resident';
import { ApiError, api } from '../api';
import { Emergency } from './Emergency';

export function SignIn({ onSignedIn }: { onSignedIn: (s: ResidentSession) => void }) {
  const { t } = useTranslation();
  const [identifier, setIdentifier] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const requestCode = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.requestCode(identifier.trim().toUpperCase());
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('signIn.tooMany') : t('errors.generic'));
    }
  };
  const verify = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onSignedIn(await api.verify(identifier.trim().toUpperCase(), code.trim()));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('signIn.tooMany') : t('signIn.failed'));
    }
  };
  return (
    <section>
      <h1 tabIndex={-1}>{t('signIn.heading')}</h1>
      <Emergency className="emergency" text={t('home.emergency')} />
      <form onSubmit={requestCode}>
        <label htmlFor="identifier">{t('signIn.identifier')}</label>
        <input
          id="identifier"
          value={identifier}
          onChange={(e) => setIdentifier(e.target.value)}
          autoComplete="username"
          required
          pattern="[Ss][Yy][Nn]-\d{6}"
        />
        <button type="submit">{t('signIn.sendCode')}</button>
      </form>
      {sent && (
        <form onSubmit={verify}>
          <p role="status">{t('signIn.codeSent')}</p>
          <label htmlFor="code">{t('signIn.code')}</label>
          <input
            id="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            pattern="\d{6}"
          />
          <button type="submit">{t('signIn.verify')}</button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p className="note">{t('signIn.demoNote')}</p>
    </section>
  );
}
