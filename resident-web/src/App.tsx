import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { questionnaireIds } from '../../shared/fhir/self-assessment';
import {
  type ResidentLanguage,
  isResidentLanguage,
  languageNames,
  residentLanguages,
} from '../../shared/i18n/resident';
import type { ResidentSession } from '../../shared/protocol/resident';
import { storeSession, storedSession } from './api';
import { forgetKept, useKept } from './kept-state';
import { applyLanguage } from './i18n';
import { useRealtime } from './realtime';
import { Chat, NewChat } from './views/Chat';
import { AccessLog } from './views/AccessLog';
import { CarePlans } from './views/CarePlans';
import { Consent } from './views/Consent';
import { Home } from './views/Home';
import { Callback, Measurement, Photo } from './views/Requests';
import { SelfAssessment } from './views/SelfAssessment';
import { SignIn } from './views/SignIn';
import { VideoVisit } from './views/VideoVisit';
import { guestLink, takeVideoLink } from './video/links';

const View = z.discriminatedUnion('name', [
  z.object({ name: z.literal('home') }),
  z.object({ name: z.literal('assess'), questionnaire: z.enum(questionnaireIds).optional() }),
  z.object({ name: z.literal('chat'), taskId: z.string() }),
  z.object({ name: z.literal('new-chat') }),
  z.object({ name: z.literal('callback') }),
  z.object({ name: z.literal('photo') }),
  z.object({ name: z.literal('measurement') }),
  z.object({ name: z.literal('consent') }),
  z.object({ name: z.literal('access-log') }),
  z.object({ name: z.literal('care-plans') }),
  z.object({ name: z.literal('video'), appointmentId: z.string() }),
]);
export type View = z.infer<typeof View>;
const home = (): View => ({ name: 'home' });

export interface ViewProps {
  session: ResidentSession;
  language: ResidentLanguage;
  go: (view: View) => void;
  /** Bumps whenever the backend says something of the resident's changed. */
  version: number;
}

function LanguagePicker({
  language,
  onChange,
}: {
  language: ResidentLanguage;
  onChange: (l: ResidentLanguage) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="language">
      {t('app.language')}{' '}
      <select value={language} onChange={(e) => isResidentLanguage(e.target.value) && onChange(e.target.value)}>
        {residentLanguages.map((l) => (
          <option key={l} value={l} lang={l}>
            {languageNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

function SignedIn({
  session,
  language,
  onSignOut,
}: {
  session: ResidentSession;
  language: ResidentLanguage;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  // A reload comes back to the same screen, with what was typed there (useKept in each form).
  const [view, setView] = useKept(session.patientId, 'view', home, View);
  const [version, setVersion] = useState(0);
  const [typing, setTyping] = useState<string | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sendTyping = useRealtime(
    session.accessToken,
    useCallback(() => setVersion((v) => v + 1), []),
    useCallback((taskId: string) => {
      setTyping(taskId);
      clearTimeout(typingTimer.current);
      typingTimer.current = setTimeout(() => setTyping(null), 3000);
    }, []),
  );
  const main = useRef<HTMLElement>(null);
  const go = (next: View) => {
    setView(next);
    // Screen reader and keyboard users start at the new view's heading.
    requestAnimationFrame(() => main.current?.querySelector<HTMLElement>('h1')?.focus());
  };
  const props: ViewProps = { session, language, go, version };
  // A join link opened before signing in leads to its visit once signed in.
  useEffect(() => {
    const appointmentId = takeVideoLink();
    if (appointmentId) setView({ name: 'video', appointmentId });
  }, [setView]);
  return (
    <>
      <nav aria-label={t('app.title')} className="bar">
        {view.name !== 'home' && (
          <button type="button" onClick={() => go({ name: 'home' })}>
            {t('app.home')}
          </button>
        )}
        <button type="button" onClick={onSignOut}>
          {t('app.signOut')}
        </button>
      </nav>
      <main ref={main}>
        {view.name === 'home' && <Home {...props} />}
        {view.name === 'assess' && <SelfAssessment {...props} questionnaire={view.questionnaire} />}
        {view.name === 'chat' && (
          <Chat
            {...props}
            taskId={view.taskId}
            typing={typing === view.taskId}
            onTyping={() => sendTyping(view.taskId)}
          />
        )}
        {view.name === 'new-chat' && <NewChat {...props} />}
        {view.name === 'callback' && <Callback {...props} />}
        {view.name === 'photo' && <Photo {...props} />}
        {view.name === 'measurement' && <Measurement {...props} />}
        {view.name === 'consent' && <Consent {...props} />}
        {view.name === 'access-log' && <AccessLog {...props} />}
        {view.name === 'care-plans' && <CarePlans {...props} />}
        {view.name === 'video' && (
          <VideoVisit token={session.accessToken} appointmentId={view.appointmentId} guest={false} />
        )}
      </main>
    </>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<ResidentSession | null>(storedSession);
  // An interpreter's or family member's one-time link opens the visit without signing in.
  const [guest] = useState(guestLink);
  const [language, setLanguage] = useState<ResidentLanguage>(isResidentLanguage(i18n.language) ? i18n.language : 'fi');
  useEffect(() => applyLanguage(language), [language]);
  const signedIn = (s: ResidentSession) => {
    storeSession(s);
    setSession(s);
  };
  const signOut = () => {
    storeSession(null);
    forgetKept();
    setSession(null);
  };
  return (
    <div className="page">
      <header className="header">
        <p className="brand">{t('app.title')}</p>
        <LanguagePicker language={language} onChange={setLanguage} />
        {/* Inside the banner landmark, so no text is left outside a region. */}
        <p className="synthetic">{t('app.synthetic')}</p>
      </header>
      {guest ? (
        <main>
          <VideoVisit token={guest.token} appointmentId={guest.appointmentId} guest />
        </main>
      ) : session ? (
        <SignedIn session={session} language={language} onSignOut={signOut} />
      ) : (
        <main>
          <SignIn onSignedIn={signedIn} />
        </main>
      )}
    </div>
  );
}
