import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import type { Devices } from './use-video-call';
import { probeRelay } from './relay-probe';

interface Props {
  devices: Devices;
  onDevices(devices: Devices): void;
  onClose(): void;
}

type Check = 'checking' | 'ok' | 'failed' | 'none';

/** Before a call: camera picture, microphone level, a test sound, and the network paths, in words. */
export function DeviceCheck({ devices, onDevices, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const video = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<Check>('checking');
  const [level, setLevel] = useState(0);
  const [heard, setHeard] = useState(false);
  const [backend, setBackend] = useState<Check>('checking');
  const [relay, setRelay] = useState<Check>('checking');
  const [inputs, setInputs] = useState<MediaDeviceInfo[]>([]);
  const [speaker, setSpeaker] = useState('');

  useEffect(() => {
    let stream: MediaStream | null = null;
    let audio: AudioContext | null = null;
    let frame = 0;
    let stopped = false;
    void (async () => {
      await api['video.deviceCheck']({ open: true });
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: devices.camera ? { deviceId: { exact: devices.camera } } : true,
          audio: devices.microphone ? { deviceId: { exact: devices.microphone } } : true,
        });
      } catch {
        if (!stopped) setCamera('failed');
        return;
      }
      if (stopped) return stream.getTracks().forEach((tr) => tr.stop());
      if (video.current) video.current.srcObject = stream;
      setCamera(stream.getVideoTracks().length > 0 ? 'ok' : 'failed');
      setInputs(await navigator.mediaDevices.enumerateDevices());
      audio = new AudioContext();
      const analyser = audio.createAnalyser();
      audio.createMediaStreamSource(stream).connect(analyser);
      const samples = new Uint8Array(analyser.fftSize);
      const tick = () => {
        analyser.getByteTimeDomainData(samples);
        const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v - 128)), 0) / 128;
        setLevel(peak);
        if (peak > 0.05) setHeard(true);
        frame = requestAnimationFrame(tick);
      };
      tick();
    })();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((tr) => tr.stop());
      void audio?.close();
      void api['video.deviceCheck']({ open: false });
    };
  }, [api, devices.camera, devices.microphone]);

  useEffect(() => {
    // Asking the backend for the relay's credentials is itself the check that the service answers.
    void api['video.iceServers']({}).then(async (r) => {
      setBackend(r.ok ? 'ok' : 'failed');
      setRelay(r.ok ? await probeRelay(r.value.iceServers) : 'failed');
    });
  }, [api]);

  const playTone = async () => {
    const ctx = new AudioContext();
    const sink = ctx as AudioContext & { setSinkId?: (id: string) => Promise<void> };
    if (speaker && sink.setSinkId) await sink.setSinkId(speaker);
    const osc = ctx.createOscillator();
    osc.frequency.value = 660;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
    osc.addEventListener('ended', () => void ctx.close());
  };

  const say = (check: Check, ok: string, failed: string, none = failed) =>
    check === 'checking' ? t('video.check.checking') : check === 'ok' ? ok : check === 'none' ? none : failed;
  const options = (kind: MediaDeviceKind) => inputs.filter((d) => d.kind === kind);

  return (
    <section className="device-check" aria-labelledby="device-check-title" data-testid="device-check">
      <h4 id="device-check-title">{t('video.check.title')}</h4>
      <div className="device-check__grid">
        <video
          ref={video}
          className="device-check__preview"
          autoPlay
          muted
          playsInline
          aria-label={t('video.ownVideo')}
        />
        <dl>
          <dt>{t('video.check.camera')}</dt>
          <dd data-testid="check-camera">{say(camera, t('video.check.cameraOk'), t('video.check.cameraFailed'))}</dd>
          <dt>{t('video.check.microphone')}</dt>
          <dd data-testid="check-microphone">
            <meter min={0} max={1} value={level} aria-label={t('video.check.micLevel')} />{' '}
            {heard ? t('video.check.micOk') : t('video.check.micSilent')}
          </dd>
          <dt>{t('video.check.backend')}</dt>
          <dd data-testid="check-backend">
            {say(backend, t('video.check.backendOk'), t('video.check.backendFailed'))}
          </dd>
          <dt>{t('video.check.relay')}</dt>
          <dd data-testid="check-relay">
            {say(relay, t('video.check.relayOk'), t('video.check.relayFailed'), t('video.check.relayNone'))}
          </dd>
        </dl>
      </div>
      <div className="device-check__choices">
        <label>
          {t('video.camera')}
          <select value={devices.camera} onChange={(e) => onDevices({ ...devices, camera: e.target.value })}>
            {options('videoinput').map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `${t('video.camera')} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('video.microphone')}
          <select value={devices.microphone} onChange={(e) => onDevices({ ...devices, microphone: e.target.value })}>
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
            {options('audiooutput').map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `${t('video.speaker')} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void playTone()}>
          {t('video.check.playTone')}
        </button>
        <span className="hint">{t('video.check.toneHint')}</span>
      </div>
      <button type="button" className="secondary" onClick={onClose}>
        {t('video.check.close')}
      </button>
    </section>
  );
}
