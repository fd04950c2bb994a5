import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallView } from './CallView';
import { DeviceCheck } from './DeviceCheck';
import { type Devices, useVideoCall } from './use-video-call';
import './video.css';

interface Props {
  taskId: string;
  /** The call started: the video visit's documentation opens beside it. */
  onStarted(): void;
  /** Video failed: carry on in chat. */
  onChat(): void;
}

/** The video visit of a contact the professional holds: device check, start, the call. */
export function VideoVisitPanel({ taskId, onStarted, onChat }: Props) {
  const { t } = useTranslation();
  const call = useVideoCall(taskId);
  const [checking, setChecking] = useState(false);
  const [devices, setDevices] = useState<Devices>({ camera: '', microphone: '' });

  if (call.state !== 'idle') return <CallView call={call} onChat={onChat} />;
  return (
    <section className="video-start" aria-label={t('video.title')}>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            setChecking(false);
            onStarted();
            void call.start(devices.camera || devices.microphone ? devices : null);
          }}
        >
          {t('video.start')}
        </button>
        {!checking && (
          <button type="button" className="secondary" onClick={() => setChecking(true)}>
            {t('video.checkDevices')}
          </button>
        )}
      </div>
      {checking && <DeviceCheck devices={devices} onDevices={setDevices} onClose={() => setChecking(false)} />}
    </section>
  );
}
