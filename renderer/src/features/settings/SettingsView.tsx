import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch, Theme } from '../../../../shared/contract';
import { LanguagePicker } from './LanguagePicker';

const themes: Theme[] = ['system', 'light', 'dark'];

export function SettingsView({ settings, onChange }: { settings: Settings; onChange(patch: SettingsPatch): Promise<boolean> }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const change = async (patch: SettingsPatch) => setSaved(await onChange(patch));
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
            <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => void change({ theme })} />
            {t(`settings.theme_${theme}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice">
        <legend>{t('settings.alerts')}</legend>
        <label>
          <input
            type="checkbox"
            checked={settings.urgentAlerts}
            onChange={(e) => {
              const on = e.target.checked;
              // Ask for desktop notifications only when the user turns them on.
              if (on && 'Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
              void change({ urgentAlerts: on });
            }}
          />
          {t('settings.urgentAlerts')}
        </label>
      </fieldset>
      <p role="status" className="saved">
        {saved ? t('settings.saved') : ''}
      </p>
    </section>
  );
}
