import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, SessionState, Settings, SettingsPatch } from '../../../shared/contract';
import { useApi } from '../api/api-context';
import { InboxView } from '../features/inbox/InboxView';
import { RecentView } from '../features/recent/RecentView';
import { OverviewView } from '../features/overview/OverviewView';
import { QueueView } from '../features/queue/QueueView';
import { SettingsView } from '../features/settings/SettingsView';
import { TemplatesView } from '../features/templates/TemplatesView';
import { SignIn } from '../features/sign-in/SignIn';
import { LockScreen } from '../features/lock/LockScreen';
import { useWorkstationLock } from '../features/lock/use-workstation-lock';
import { SyncView } from '../features/sync/SyncView';
import { DevicesView } from '../features/devices/DevicesView';
import { applyLanguage } from '../i18n/setup-i18n';
import { Shell } from './Shell';
import { type View, viewsFor } from './views';

function applyTheme(settings: Settings): void {
  document.documentElement.dataset.theme = settings.theme;
}

export function App() {
  const api = useApi();
  const { t } = useTranslation();
  const [session, setSession] = useState<SessionState | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [view, setView] = useState<View>('queue');
  const lock = useWorkstationLock(Boolean(session?.user));
  const locked = lock?.locked ?? false;
  // Where the user was working, so unlocking puts the caret back in the draft they left.
  const lastFocus = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const onFocus = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement && event.target.closest('.app-frame')) lastFocus.current = event.target;
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);
  useEffect(() => {
    if (!locked) lastFocus.current?.focus();
  }, [locked]);

  const showSettings = useCallback((next: Settings) => {
    setSettings(next);
    applyLanguage(next.language);
    applyTheme(next);
  }, []);

  // Each sign-in starts at the first view made for the user's role, whoever used the workstation before.
  const acceptSession = useCallback((next: SessionState) => {
    setSession((before) => {
      if (next.user && before?.user?.id !== next.user.id) setView(viewsFor(next.user.roles)[0] ?? 'overview');
      return next;
    });
  }, []);

  const loadSettings = useCallback(async () => {
    const result = await api['settings.get']({});
    if (result.ok) showSettings(result.value);
  }, [api, showSettings]);

  useEffect(() => {
    void api['session.get']({}).then((r) => r.ok && acceptSession(r.value));
    void loadSettings();
    return api.on('session.changed', (state) => {
      acceptSession(state);
      void loadSettings();
    });
  }, [api, loadSettings, acceptSession]);

  // Shown at once (a radio must not lag behind the key press), confirmed or rolled back by main.
  const updateSettings = async (patch: SettingsPatch): Promise<boolean> => {
    const before = settings;
    if (before) showSettings({ ...before, ...patch });
    const result = await api['settings.update'](patch);
    if (result.ok) showSettings(result.value);
    else if (before) showSettings(before);
    return result.ok;
  };

  const setDeviceLanguage = async (language: Language) => {
    if (settings) showSettings({ ...settings, language });
    const result = await api['settings.setDeviceLanguage']({ language });
    if (result.ok) showSettings(result.value);
  };

  if (!session || !settings) return null;
  if (!session.user) {
    return (
      <SignIn
        notice={session.notice}
        language={settings.language}
        onLanguage={(l) => void setDeviceLanguage(l)}
        onSignedIn={acceptSession}
      />
    );
  }
  return (
    <>
      {lock?.locked && <LockScreen user={session.user} lock={lock} onSignedOut={acceptSession} />}
      {/* Locked: kept mounted (drafts, a video call) but hidden and out of reach of keyboard and screen readers. */}
      <div className="app-frame" hidden={locked} inert={locked}>
        <Shell
          user={session.user}
          view={view}
          onView={setView}
          onLock={() => void api['lock.lockNow']({})}
          onSignOut={() => void api['session.signOut']({}).then((r) => r.ok && acceptSession(r.value))}
        >
          {session.notice && (
            <div role="alert" className="notice">
              <p>{t(`notices.${session.notice}`)}</p>
              <button type="button" className="secondary" onClick={() => setSession({ ...session, notice: null })}>
                {t('notices.dismiss')}
              </button>
            </div>
          )}
          {view === 'queue' && <QueueView user={session.user} settings={settings} onSettings={updateSettings} />}
          {view === 'inbox' && <InboxView user={session.user} />}
          {view === 'recent' && <RecentView user={session.user} />}
          {view === 'overview' && <OverviewView user={session.user} />}
          {view === 'sync' && <SyncView />}
          {view === 'devices' && <DevicesView />}
          {view === 'templates' && <TemplatesView />}
          {view === 'settings' && <SettingsView settings={settings} onChange={updateSettings} />}
        </Shell>
      </div>
    </>
  );
}
