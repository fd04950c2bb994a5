import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch, Theme } from '../../../../shared/contract';
import { useNow } from '../../hooks/use-now';
import { UrgentAlertMute } from '../queue/UrgentAlertMute';
import { LanguagePicker } from './LanguagePicker';

const themes: Theme[] = ['system', 'light', 'dark'];

export function SettingsView({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange(patch: SettingsPatch): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const now = useNow(30_000);
  const change = async (patch: SettingsPatch) => {
    const ok = await onChange(patch);
    setSaved(ok);
    return ok;
  };
  // Desktop notifications only after the user opts in; the system asks its own question once, here.
  const notifications = async (on: boolean) => {
    if (on && 'Notification' in window && Notification.permission === 'default') await Notification.requestPermission();
    await change({ desktopNotifications: on });
  };
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        {t('settings.title')}
      </h1>
      <LanguagePicker value={settings.language} onChange={(language) => void change({ language })} />
      <fieldset className="choice">
        <legend>{t('settings.theme')}</legend>
        {themes.map((theme) => (
          <label key={theme}>
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={settings.theme === theme}
              onChange={() => void change({ theme })}
            />
            {t(`settings.theme_${theme}`)}
          </label>
        ))}
      </fieldset>
      <h2>{t('settings.alerts')}</h2>
      <p>{t('settings.alertsAlwaysOn')}</p>
      <UrgentAlertMute settings={settings} now={now} onSettings={change} />
      <label>
        <input
          type="checkbox"
          checked={settings.desktopNotifications}
          onChange={(e) => void notifications(e.currentTarget.checked)}
        />
        {t('settings.desktopNotifications')}
      </label>
      <p role="status" className="saved">
        {saved ? t('settings.saved') : ''}
      </p>
    </section>
  );
}
