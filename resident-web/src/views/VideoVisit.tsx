import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IceServer } from '../../../shared/protocol/video';
import { probeRelay } from '../video/relay-probe';
import { type RemoteView, useResidentCall } from '../video/use-resident-call';

interface Props {
  /** The resident's own token, or a guest's one-time invitation. */
  token: string;
  appointmentId: string;
  guest: boolean;
}

function Remote({ remote }: { remote: RemoteView }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== remote.stream) ref.current.srcObject = remote.stream;
  }, [remote.stream]);
  const p = remote.participant;
  const name =
    p.name ||
    t(p.role === 'professional' ? 'video.professional' : p.role === 'guest' ? 'video.guest' : 'video.resident');
  return (
    <figure
      className="video-tile"
      data-testid="remote-tile"
      data-role={p.role}
      data-frames-decoded={remote.quality?.framesDecoded ?? 0}
    >
      <video ref={ref} autoPlay playsInline aria-label={t('video.remoteVideo', { name })} />
      <figcaption>
        {name}
        {p.muted && <span data-testid="remote-muted"> · {t('video.remoteMuted', { name })}</span>}
      </figcaption>
    </figure>
  );
}

/** Microphone level from the local stream, 0–1, for the waiting room's check. */
function useLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    audio.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    let frame = 0;
    const tick = () => {
      analyser.getByteTimeDomainData(samples);
      setLevel(samples.reduce((m, v) => Math.max(m, Math.abs(v - 128)), 0) / 128);
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => {
      cancelAnimationFrame(frame);
      void audio.close();
    };
  }, [stream]);
  return level;
}

/** The video visit in the resident's browser: why the camera is asked for, the waiting room with a device check, the call. */
export function VideoVisit({ token, appointmentId, guest }: Props) {
  const { t } = useTranslation();
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [cameraFailed, setCameraFailed] = useState(false);
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [heard, setHeard] = useState(false);
  const [relay, setRelay] = useState<'ok' | 'failed' | 'none' | null>(null);
  const own = useRef<HTMLVideoElement>(null);
  const call = useResidentCall(token, appointmentId, local);
  const level = useLevel(local);
  useEffect(() => {
    if (level > 0.05) setHeard(true);
  }, [level]);
  useEffect(() => {
    if (own.current) own.current.srcObject = local;
  }, [local, call.stage]);
  useEffect(() => {
    if (guest || !local) return;
    void fetch('/resident/api/video/ice-servers', { headers: { authorization: `Bearer ${token}` } })
      .then((r) => r.json())
      .then((body: unknown) => probeRelay(IceServer.array().parse((body as { iceServers: unknown }).iceServers)))
      .then(setRelay, () => setRelay('failed'));
  }, [guest, local, token]);
  const over =
    call.stage === 'left' || call.stage === 'ended' || call.stage === 'not-allowed' || call.stage === 'not-found';
  useEffect(() => {
    if (over) local?.getTracks().forEach((tr) => tr.stop());
  }, [over, local]);

  const join = async () => {
    try {
      setLocal(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    } catch {
      setCameraFailed(true);
    }
  };
  const toggle = (kind: 'audio' | 'video') => {
    const next = kind === 'audio' ? !muted : !cameraOff;
    (kind === 'audio' ? local?.getAudioTracks() : local?.getVideoTracks())?.forEach((tr) => (tr.enabled = !next));
    if (kind === 'audio') setMuted(next);
    else setCameraOff(next);
    call.media(kind === 'audio' ? next : muted, kind === 'video' ? next : cameraOff);
  };

  if (over) {
    const text = {
      left: 'video.left',
      ended: 'video.ended',
      'not-allowed': 'video.notAllowed',
      'not-found': 'video.notFound',
    } as const;
    return (
      <section>
        <h1 tabIndex={-1}>{t('video.title')}</h1>
        <p role="status">{t(text[call.stage as keyof typeof text])}</p>
      </section>
    );
  }
  if (!local) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('video.title')}</h1>
        <p>{t(guest ? 'video.guestIntro' : 'video.intro')}</p>
        <p className="advice">{t('video.permission')}</p>
        <p className="advice">{t('video.nothingRecorded')}</p>
        {cameraFailed && (
          <p className="error" role="alert">
            {t('video.cameraFailed')}
          </p>
        )}
        <button type="button" onClick={() => void join()}>
          {t('video.join')}
        </button>
      </section>
    );
  }
  return (
    <section className="video-visit" data-testid="resident-video">
      <h1 tabIndex={-1}>{t('video.title')}</h1>
      <div role="status" aria-live="polite">
        {call.stage === 'waiting' && <p className="advice">{t('video.waiting')}</p>}
        {call.stage === 'in-call' && <p>{t('video.inCall')}</p>}
        {call.stage === 'in-call' && !call.reconnecting && call.remotes.length === 0 && (
          <p className="advice">{t('video.alone')}</p>
        )}
        {call.reconnecting && <p className="error">{t('video.reconnecting')}</p>}
        {call.snapshot && (
          <p className="advice" data-testid="snapshot-notice">
            {t('video.snapshot')}
          </p>
        )}
        {call.remotes.some((r) => r.quality && r.quality.level !== 'good') && (
          <p className="error">{t('video.weak')}</p>
        )}
      </div>
      {call.stage === 'waiting' && (
        <dl className="checks">
          <dt>{t('video.check')}</dt>
          <dd>{local.getVideoTracks().length > 0 ? t('video.cameraOk') : t('video.cameraFailed')}</dd>
          <dd>
            <meter min={0} max={1} value={level} aria-label={t('video.micLevel')} />{' '}
            {heard ? t('video.micOk') : t('video.micSilent')}
          </dd>
          <dd>{call.reconnecting ? t('video.networkFailed') : t('video.networkOk')}</dd>
          {relay && relay !== 'none' && <dd>{relay === 'ok' ? t('video.relayOk') : t('video.relayFailed')}</dd>}
        </dl>
      )}
      <div className="video-stage">
        {call.stage === 'in-call' &&
          call.remotes.map((r) => <Remote key={`${r.participant.id}/${r.participant.session}`} remote={r} />)}
        <video ref={own} className="video-self" autoPlay muted playsInline aria-label={t('video.ownVideo')} />
      </div>
      <p className="note">{t('video.nothingRecorded')}</p>
      <div className="bar">
        <button type="button" aria-pressed={muted} onClick={() => toggle('audio')}>
          {muted ? t('video.unmute') : t('video.mute')}
        </button>
        <button type="button" aria-pressed={cameraOff} onClick={() => toggle('video')}>
          {cameraOff ? t('video.cameraOn') : t('video.cameraOff')}
        </button>
        <button type="button" onClick={call.leave}>
          {t('video.leave')}
        </button>
      </div>
    </section>
  );
}
