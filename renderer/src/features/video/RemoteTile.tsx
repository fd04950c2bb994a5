import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Remote } from './use-video-call';

interface Props {
  remote: Remote;
  name: string;
  speaker: string;
  /** The resident's tile hands its video element up, for a still. */
  onVideo?(video: HTMLVideoElement | null): void;
}

/** One other participant: their picture and sound, and in words whether they muted or closed the camera. */
export function RemoteTile({ remote, name, speaker, onVideo }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== remote.stream) ref.current.srcObject = remote.stream;
  }, [remote.stream]);
  useEffect(() => {
    const sink = ref.current as (HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (speaker && sink?.setSinkId) void sink.setSinkId(speaker).catch(() => undefined);
  }, [speaker]);
  useEffect(() => {
    onVideo?.(ref.current);
    return () => onVideo?.(null);
  }, [onVideo]);
  const { participant, quality } = remote;
  return (
    <figure
      className="video-tile"
      data-testid="remote-tile"
      data-role={participant.role}
      data-frames-decoded={quality?.framesDecoded ?? 0}
      data-relayed={quality?.relayed ? 'yes' : 'no'}
    >
      <video ref={ref} autoPlay playsInline aria-label={t('video.remoteVideo', { name })} />
      <figcaption>
        {name}
        {participant.muted && <span className="video-tile__state"> · {t('video.remoteMuted', { name })}</span>}
        {participant.cameraOff && <span className="video-tile__state"> · {t('video.remoteCameraOff', { name })}</span>}
      </figcaption>
    </figure>
  );
}
