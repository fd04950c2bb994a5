import Peer from '@thaunknown/simple-peer';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IceServer, Participant, VideoServerFrame } from '../../../../shared/protocol/video';
import { type Quality, type QualitySample, readQuality } from '../../../../shared/video/call-quality';
import { type Mesh, createMesh } from '../../../../shared/video/mesh';
import { useApi } from '../../api/api-context';

export interface Remote {
  participant: Participant;
  stream: MediaStream | null;
  quality: Quality | null;
}

export type CallState = 'idle' | 'starting' | 'in-call' | 'ended' | 'failed';
export interface Devices {
  camera: string;
  microphone: string;
}

/**
 * One video visit from the professional's side: the local camera and microphone, a simple-peer
 * mesh with everyone admitted, getStats every two seconds, and an ICE restart when the network
 * changes or a connection drops. Signalling goes through main (the contract), never straight to
 * the backend: the renderer holds no token.
 */
export function useVideoCall(taskId: string) {
  const api = useApi();
  const [state, setState] = useState<CallState>('idle');
  const [appointmentId, setAppointmentId] = useState<string | null>(null);
  const [joinUrl, setJoinUrl] = useState('');
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [remotes, setRemotes] = useState<Map<string, Remote>>(new Map());
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [link, setLink] = useState<'connecting' | 'open' | 'reconnecting' | 'closed'>('closed');
  const [failure, setFailure] = useState<'media' | 'connection' | null>(null);
  const [snapshotTaken, setSnapshotTaken] = useState(false);
  const mesh = useRef<Mesh<Peer> | null>(null);
  const localRef = useRef<MediaStream | null>(null);
  const ice = useRef<IceServer[]>([]);
  const pending = useRef<VideoServerFrame[]>([]);
  const streams = useRef(new Map<string, MediaStream>());
  const samples = useRef(new Map<string, QualitySample>());
  const qualities = useRef(new Map<string, Quality>());

  const refreshRemotes = useCallback(() => {
    const next = new Map<string, Remote>();
    for (const [key, { participant }] of mesh.current?.peers() ?? [])
      next.set(key, {
        participant,
        stream: streams.current.get(key) ?? null,
        quality: qualities.current.get(key) ?? null,
      });
    setRemotes(next);
  }, []);

  const createPeer = useCallback(
    (remote: Participant, initiator: boolean): Peer => {
      const key = `${remote.id}/${remote.session}`;
      // iceRestart on every offer: a renegotiation after a network change gathers new candidates.
      const peer = new Peer({
        initiator,
        stream: localRef.current ?? undefined,
        trickle: true,
        config: { iceServers: ice.current },
        offerOptions: { iceRestart: true },
      });
      peer.on(
        'signal',
        (data) => void api['video.send']({ frame: { type: 'signal', to: remote.id, toSession: remote.session, data } }),
      );
      peer.on('stream', (stream) => {
        streams.current.set(key, stream);
        refreshRemotes();
      });
      peer.on('error', () => undefined);
      peer._pc.addEventListener('iceconnectionstatechange', () => {
        if (peer._pc.iceConnectionState === 'failed' && !peer.destroyed) peer.negotiate();
      });
      return peer;
    },
    [api, refreshRemotes],
  );

  const handle = useCallback((frame: VideoServerFrame) => {
    if (!mesh.current) return;
    if (frame.type === 'joined') ice.current = frame.iceServers;
    mesh.current.handle(frame);
    if (frame.type === 'participants') setParticipants(frame.participants);
    if (frame.type === 'ended') {
      setState('ended');
      localRef.current?.getTracks().forEach((t) => t.stop());
    }
  }, []);

  useEffect(() => {
    const offFrame = api.on('video.frame', (frame) => {
      if (!mesh.current) return;
      if (!localRef.current) pending.current.push(frame);
      else handle(frame);
    });
    const offLink = api.on('video.link', ({ state: s }) => setLink(s));
    return () => {
      offFrame();
      offLink();
    };
  }, [api, handle]);

  // Quality every two seconds; a weak line is said in words by the call view.
  useEffect(() => {
    if (state !== 'in-call') return;
    const timer = setInterval(() => {
      for (const [key, { peer }] of mesh.current?.peers() ?? []) {
        void peer._pc.getStats().then((report) => {
          const { quality, sample } = readQuality(report, samples.current.get(key) ?? null);
          samples.current.set(key, sample);
          qualities.current.set(key, quality);
          refreshRemotes();
        });
      }
    }, 2000);
    return () => clearInterval(timer);
  }, [state, refreshRemotes]);

  // The network changed (Wi-Fi to cable, VPN up): restart ICE on every connection.
  useEffect(() => {
    const restart = () => {
      for (const { peer } of mesh.current?.peers().values() ?? []) if (!peer.destroyed) peer.negotiate();
    };
    window.addEventListener('online', restart);
    return () => window.removeEventListener('online', restart);
  }, []);

  const start = useCallback(
    async (devices: Devices | null) => {
      setState('starting');
      setFailure(null);
      mesh.current = createMesh<Peer>({ createPeer, onPeers: refreshRemotes });
      const started = await api['video.start']({ taskId });
      if (!started.ok) {
        mesh.current = null;
        setState('failed');
        setFailure('connection');
        return;
      }
      setAppointmentId(started.value.appointmentId);
      setJoinUrl(started.value.joinUrl);
      try {
        const stream = await navigator.mediaDevices.getUserMedia({
          video: devices?.camera ? { deviceId: { exact: devices.camera } } : true,
          audio: devices?.microphone ? { deviceId: { exact: devices.microphone } } : true,
        });
        localRef.current = stream;
        setLocal(stream);
      } catch {
        // No camera or no permission: the visit goes on in chat.
        setFailure('media');
        setState('failed');
        await api['video.leave']({});
        mesh.current = null;
        return;
      }
      setState('in-call');
      for (const frame of pending.current.splice(0)) handle(frame);
    },
    [api, createPeer, handle, refreshRemotes, taskId],
  );

  const sendMedia = (nextMuted: boolean, nextCameraOff: boolean) =>
    void api['video.send']({ frame: { type: 'media', muted: nextMuted, cameraOff: nextCameraOff } });
  const toggleMute = () => {
    const next = !muted;
    localRef.current?.getAudioTracks().forEach((t) => (t.enabled = !next));
    setMuted(next);
    sendMedia(next, cameraOff);
  };
  const toggleCamera = () => {
    const next = !cameraOff;
    localRef.current?.getVideoTracks().forEach((t) => (t.enabled = !next));
    setCameraOff(next);
    sendMedia(muted, next);
  };
  /** Another camera or microphone, swapped into every connection without renegotiating. */
  const switchDevice = async (kind: 'videoinput' | 'audioinput', deviceId: string) => {
    const current = localRef.current;
    if (!current) return;
    const fresh = await navigator.mediaDevices.getUserMedia(
      kind === 'videoinput'
        ? { video: { deviceId: { exact: deviceId } } }
        : { audio: { deviceId: { exact: deviceId } } },
    );
    const [track] = kind === 'videoinput' ? fresh.getVideoTracks() : fresh.getAudioTracks();
    const old = kind === 'videoinput' ? current.getVideoTracks()[0] : current.getAudioTracks()[0];
    if (!track || !old) return;
    track.enabled = kind === 'videoinput' ? !cameraOff : !muted;
    for (const { peer } of mesh.current?.peers().values() ?? []) peer.replaceTrack(old, track, current);
    current.removeTrack(old);
    old.stop();
    current.addTrack(track);
    setLocal(new MediaStream(current.getTracks()));
  };
  const admit = (participantId: string) => void api['video.send']({ frame: { type: 'admit', participantId } });
  const stopMedia = () => {
    localRef.current?.getTracks().forEach((t) => t.stop());
    localRef.current = null;
    setLocal(null);
    mesh.current?.close();
    mesh.current = null;
  };
  const end = async () => {
    if (appointmentId) await api['video.end']({ appointmentId });
    stopMedia();
    setState('ended');
  };
  const snapshot = async (video: HTMLVideoElement) => {
    if (!appointmentId || video.videoWidth === 0) return false;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0);
    const dataBase64 = canvas.toDataURL('image/jpeg', 0.85).split(',')[1] ?? '';
    const r = await api['video.snapshot']({ appointmentId, requestId: crypto.randomUUID(), dataBase64 });
    setSnapshotTaken(r.ok);
    return r.ok;
  };
  const invite = async () => (appointmentId ? api['video.invite']({ appointmentId }) : null);

  // Leaving the view (closing the contact, signing out) leaves the call; the visit stays open.
  useEffect(
    () => () => {
      if (!mesh.current) return;
      localRef.current?.getTracks().forEach((t) => t.stop());
      mesh.current.close();
      mesh.current = null;
      void api['video.leave']({});
    },
    [api],
  );

  return {
    state,
    appointmentId,
    joinUrl,
    participants,
    remotes,
    local,
    muted,
    cameraOff,
    link,
    failure,
    snapshotTaken,
    start,
    toggleMute,
    toggleCamera,
    switchDevice,
    admit,
    end,
    snapshot,
    invite,
  };
}
export type VideoCall = ReturnType<typeof useVideoCall>;
