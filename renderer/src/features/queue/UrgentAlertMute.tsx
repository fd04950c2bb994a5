import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../../shared/contract';
import { useFormat } from '../../i18n/format';

/** A shift is at most this long: muting never outlasts it, so the alert cannot stay off. */
const shiftMs = 8 * 60 * 60 * 1000;

export const alertsMuted = (settings: Settings, now: number): boolean =>
  settings.alertsMutedUntil !== null && Date.parse(settings.alertsMutedUntil) > now;

/** Urgent alerts are on; the user may mute them for her shift, never turn them off for good. */
export function UrgentAlertMute({
  settings,
  now,
  onSettings,
}: {
  settings: Settings;
  now: number;
  onSettings(patch: SettingsPatch): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const muted = alertsMuted(settings, now);
  const mute = () => void onSettings({ alertsMutedUntil: new Date(Date.now() + shiftMs).toISOString() });
  return (
    <p className="alert-mute" data-testid="alert-mute">
      <span>
        {muted && settings.alertsMutedUntil
          ? t('queue.mutedUntil', { time: format.time(settings.alertsMutedUntil) })
          : t('queue.alertsOn')}
      </span>{' '}
      <button
        type="button"
        className="secondary"
        onClick={muted ? () => void onSettings({ alertsMutedUntil: null }) : mute}
      >
        {muted ? t('queue.unmute') : t('queue.muteForShift')}
      </button>
    </p>
  );
}
