import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../../shared/protocol/video';
import { RemoteTile } from './RemoteTile';
import type { VideoCall } from './use-video-call';

interface Props {
  call: VideoCall;
  onChat(): void;
}

/** The call: the others' pictures, one's own small in the corner, the controls, and the line's quality in words. */
export function CallView({ call, onChat }: Props) {
  const { t } = useTranslation();
  const self = useRef<HTMLVideoElement>(null);
  const container = useRef<HTMLElement>(null);
  const residentVideo = useRef<HTMLVideoElement | null>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [speaker, setSpeaker] = useState('');
  const [camera, setCamera] = useState('');
  const [microphone, setMicrophone] = useState('');
  const [fullScreen, setFullScreen] = useState(false);
  const [invitation, setInvitation] = useState<string | null>(null);

  useEffect(() => {
    if (self.current) self.current.srcObject = call.local;
    if (call.local) void navigator.mediaDevices.enumerateDevices().then(setDevices);
  }, [call.local]);
  useEffect(() => {
    const changed = () => setFullScreen(document.fullscreenElement === container.current);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);
  const onResidentVideo = useCallback((v: HTMLVideoElement | null) => (residentVideo.current = v), []);

  const nameOf = (p: Participant) => p.name || (p.role === 'guest' ? t('video.guest') : t('video.resident'));
  const waiting = call.participants.filter((p) => !p.admitted);
  const remotes = [...call.remotes.values()];
  const worst = remotes
    .map((r) => r.quality)
    .reduce<(typeof remotes)[number]['quality']>(
      (w, q) =>
        !q ? w : !w || ['good', 'weak', 'bad'].indexOf(q.level) > ['good', 'weak', 'bad'].indexOf(w.level) ? q : w,
      null,
    );
  const options = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind);
  const toggleFullScreen = () =>
    void (document.fullscreenElement ? document.exitFullscreen() : container.current?.requestFullscreen());

  if (call.state === 'ended') return <p role="status">{t('video.ended')}</p>;
  if (call.state === 'failed') {
    return (
      <div role="alert" className="video-failed">
        <p>{t(call.failure === 'media' ? 'video.failed_media' : 'video.failed_connection')}</p>
        <button type="button" onClick={onChat}>
          {t('video.toChat')}
        </button>
      </div>
    );
  }
  return (
    <section ref={container} className="video-call" aria-labelledby="video-call-title" data-testid="video-call">
      <h3 id="video-call-title">{t('video.title')}</h3>
      {call.state === 'starting' && <p role="status">{t('video.starting')}</p>}
      {call.joinUrl && (
        <p className="video-call__link">
          <label htmlFor="video-join-link">{t('video.joinLink')}</label>
          <input
            id="video-join-link"
            readOnly
            value={call.joinUrl}
            onFocus={(e) => e.target.select()}
            data-testid="video-join-link"
          />
          <span className="hint">{t('video.joinHint')}</span>
        </p>
      )}
      <div role="status" aria-live="polite">
        {call.link === 'reconnecting' && <p className="warning">{t('video.reconnecting')}</p>}
        {waiting.map((p) => (
          <p key={p.id} className="video-call__waiting">
            {t('video.waiting', { name: nameOf(p) })}{' '}
            <button type="button" onClick={() => call.admit(p.id)}>
              {t('video.admit', { name: nameOf(p) })}
            </button>
          </p>
        ))}
        {worst && (
          <p data-testid="call-quality" className={worst.level === 'good' ? 'hint' : 'warning'}>
            {t(`video.quality_${worst.level}`)} (
            {t('video.qualityDetail', {
              loss: Math.round(worst.loss * 100),
              rtt: Math.round(worst.rttMs ?? 0),
              kbps: Math.round(worst.kbps),
            })}
            {worst.relayed ? `, ${t('video.relayed')}` : ''})
          </p>
        )}
        {(worst?.level === 'bad' || call.link === 'reconnecting') && (
          <button type="button" className="secondary" onClick={onChat}>
            {t('video.toChat')}
          </button>
        )}
      </div>
      <div className="video-call__stage">
        {remotes.length === 0 && <p className="hint">{t('video.nobody')}</p>}
        {remotes.map((r) => (
          <RemoteTile
            key={`${r.participant.id}/${r.participant.session}`}
            remote={r}
            name={nameOf(r.participant)}
            speaker={speaker}
            {...(r.participant.role === 'resident' ? { onVideo: onResidentVideo } : {})}
          />
        ))}
        <video ref={self} className="video-call__self" autoPlay muted playsInline aria-label={t('video.ownVideo')} />
      </div>
      <div className="video-call__controls" role="toolbar" aria-label={t('video.title')}>
        <button type="button" aria-pressed={call.muted} onClick={call.toggleMute}>
          {call.muted ? t('video.unmute') : t('video.mute')}
        </button>
        <button type="button" aria-pressed={call.cameraOff} onClick={call.toggleCamera}>
          {call.cameraOff ? t('video.cameraOn') : t('video.cameraOff')}
        </button>
        <button type="button" className="secondary" onClick={toggleFullScreen}>
          {fullScreen ? t('video.exitFullScreen') : t('video.fullScreen')}
        </button>
        {remotes.some((r) => r.participant.role === 'resident' && r.stream) && (
          <button
            type="button"
            className="secondary"
            onClick={() => void (residentVideo.current && call.snapshot(residentVideo.current))}
          >
            {t('video.snapshot')}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void call.invite().then((r) => {
              if (r?.ok) setInvitation(r.value.url);
            })
          }
        >
          {t('video.invite')}
        </button>
        <button type="button" className="danger" onClick={() => void call.end()}>
          {t('video.end')}
        </button>
      </div>
      <div className="video-call__devices">
        <label>
          {t('video.camera')}
          <select
            value={camera}
            onChange={(e) => {
              setCamera(e.target.value);
              void call.switchDevice('videoinput', e.target.value);
            }}
          >
            <option value="" disabled>
              {t('video.camera')}
            </option>
            {options('videoinput').map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `${t('video.camera')} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('video.microphone')}
          <select
            value={microphone}
            onChange={(e) => {
              setMicrophone(e.target.value);
              void call.switchDevice('audioinput', e.target.value);
            }}
          >
            <option value="" disabled>
              {t('video.microphone')}
            </option>
            {options('audioinput').map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `${t('video.microphone')} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('video.speaker')}
          <select value={speaker} onChange={(e) => setSpeaker(e.target.value)}>
            <option value="">{t('video.speaker')}</option>
            {options('audiooutput').map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `${t('video.speaker')} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      {call.snapshotTaken && <p role="status">{t('video.snapshotSaved')}</p>}
      {invitation && (
        <p className="video-call__link">
          <label htmlFor="video-invite-link">{t('video.inviteLink')}</label>
          <input
            id="video-invite-link"
            readOnly
            value={invitation}
            onFocus={(e) => e.target.select()}
            data-testid="video-invite-link"
          />
        </p>
      )}
      <p className="hint">{t('video.nothingRecorded')}</p>
    </section>
  );
}
