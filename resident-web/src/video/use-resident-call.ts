import Peer from '@thaunknown/simple-peer';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Participant, type VideoClientFrame, VideoServerFrame } from '../../../shared/protocol/video';
import { type Quality, type QualitySample, readQuality } from '../../../shared/video/call-quality';
import { type Mesh, createMesh } from '../../../shared/video/mesh';

export interface RemoteView {
  participant: Participant;
  stream: MediaStream | null;
  quality: Quality | null;
}
export type Stage = 'joining' | 'waiting' | 'in-call' | 'left' | 'ended' | 'not-allowed' | 'not-found';

/**
 * The resident's (or an invited guest's) side of a visit: her own socket to /video/socket with
 * her own token, the waiting room until she is let in, then the same mesh as the workstation.
 * A dropped socket reconnects and joins again; admission is remembered by the backend.
 */
export function useResidentCall(token: string, appointmentId: string, local: MediaStream | null) {
  const [stage, setStage] = useState<Stage>('joining');
  const [remotes, setRemotes] = useState<RemoteView[]>([]);
  const [reconnecting, setReconnecting] = useState(false);
  const [snapshot, setSnapshot] = useState(false);
  const socket = useRef<WebSocket | null>(null);
  const mesh = useRef<Mesh<Peer> | null>(null);
  const streams = useRef(new Map<string, MediaStream>());
  const qualities = useRef(new Map<string, Quality>());
  const samples = useRef(new Map<string, QualitySample>());
  const iceServers = useRef<RTCIceServer[]>([]);
  /** Stops reconnecting and closes the socket (after leaving). */
  const hangUp = useRef<() => void>(() => undefined);

  const send = (frame: VideoClientFrame) => {
    if (socket.current?.readyState === WebSocket.OPEN) socket.current.send(JSON.stringify(frame));
  };
  const refresh = useCallback(() => {
    setRemotes(
      [...(mesh.current?.peers() ?? new Map()).entries()].map(([key, { participant }]) => ({
        participant,
        stream: streams.current.get(key) ?? null,
        quality: qualities.current.get(key) ?? null,
      })),
    );
  }, []);

  useEffect(() => {
    if (!local) return;
    let stopped = false;
    let delay = 300;
    let timer: ReturnType<typeof setTimeout> | undefined;
    mesh.current = createMesh<Peer>({
      createPeer(remote, initiator) {
        const key = `${remote.id}/${remote.session}`;
        const peer = new Peer({
          initiator,
          stream: local,
          trickle: true,
          config: { iceServers: iceServers.current },
          offerOptions: { iceRestart: true },
        });
        peer.on('signal', (data) => send({ type: 'signal', to: remote.id, toSession: remote.session, data }));
        peer.on('stream', (stream) => {
          streams.current.set(key, stream);
          refresh();
        });
        peer.on('error', () => undefined);
        peer._pc.addEventListener('iceconnectionstatechange', () => {
          if (peer._pc.iceConnectionState === 'failed' && !peer.destroyed) peer.negotiate();
        });
        return peer;
      },
      onPeers: refresh,
    });
    const connect = () => {
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/video/socket`);
      socket.current = ws;
      ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', accessToken: token } satisfies VideoClientFrame));
      ws.onmessage = (event) => {
        const parsed = VideoServerFrame.safeParse(JSON.parse(String(event.data)));
        if (!parsed.success) return;
        const frame = parsed.data;
        if (frame.type === 'ready')
          return ws.send(JSON.stringify({ type: 'join', appointmentId } satisfies VideoClientFrame));
        if (frame.type === 'joined') {
          delay = 300;
          setReconnecting(false);
          iceServers.current = frame.iceServers;
          setStage(frame.self.admitted ? 'in-call' : 'waiting');
        }
        if (frame.type === 'participants') {
          const me = frame.participants.find((p) => p.id === mesh.current?.self()?.id);
          if (me) setStage(me.admitted ? 'in-call' : 'waiting');
        }
        if (frame.type === 'snapshot') setSnapshot(true);
        if (frame.type === 'ended') {
          stopped = true;
          setStage(frame.reason === 'ended' ? 'ended' : frame.reason);
        }
        mesh.current?.handle(frame);
      };
      ws.onclose = () => {
        if (stopped) return;
        setReconnecting(true);
        timer = setTimeout(connect, delay + Math.random() * delay);
        delay = Math.min(delay * 2, 5000);
      };
    };
    connect();
    hangUp.current = () => {
      stopped = true;
      clearTimeout(timer);
      socket.current?.close();
    };
    const restart = () => {
      for (const { peer } of mesh.current?.peers().values() ?? []) if (!peer.destroyed) peer.negotiate();
    };
    window.addEventListener('online', restart);
    const stats = setInterval(() => {
      for (const [key, { peer }] of mesh.current?.peers() ?? []) {
        void peer._pc.getStats().then((report) => {
          const { quality, sample } = readQuality(report, samples.current.get(key) ?? null);
          samples.current.set(key, sample);
          qualities.current.set(key, quality);
          refresh();
        });
      }
    }, 2000);
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(stats);
      window.removeEventListener('online', restart);
      mesh.current?.close();
      mesh.current = null;
      socket.current?.close();
    };
  }, [token, appointmentId, local, refresh]);

  return {
    stage,
    remotes,
    reconnecting,
    snapshot,
    media: (muted: boolean, cameraOff: boolean) => send({ type: 'media', muted, cameraOff }),
    leave() {
      send({ type: 'leave' });
      hangUp.current();
      mesh.current?.close();
      setStage('left');
    },
  };
}
