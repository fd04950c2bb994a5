import type { Appointment, Resource } from '@medplum/fhirtypes';
import WebSocket from 'ws';
import { ContractError } from '../../shared/contract/result';
import {
  GuestInvitation,
  IceServer,
  type VideoClientFrame,
  VideoServerFrame,
  VideoVisit,
} from '../../shared/protocol/video';
import { realtimeCloseCodes } from '../../shared/protocol/realtime';
import {
  BackendError,
  BackendUnreachableError,
  type JsonCalls,
  type TokenSource,
} from '../backend-client/backend-client';
import { backoffDelay } from '../connection/connection-monitor';
import { z } from 'zod';

export type VideoLink = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface VideoDeps {
  backendUrl: string;
  tokens: TokenSource;
  client: JsonCalls;
  onFrame(frame: VideoServerFrame): void;
  onLink(state: VideoLink): void;
  /** The visit's Appointment as the backend holds it at the end (start, end, who took part), for the record. */
  onEnded(appointment: Resource): void;
  random?: () => number;
}

/** Frames the renderer may send through main; auth and join are main's own. */
export type PeerFrame = Extract<VideoClientFrame, { type: 'admit' | 'signal' | 'media' }>;

const asContractError = (error: unknown): Error => {
  if (error instanceof BackendUnreachableError)
    return new ContractError('unavailable', 'The regional service cannot be reached.');
  if (error instanceof BackendError) {
    if (error.status === 404) return new ContractError('not_found', error.message);
    if (error.status === 409) return new ContractError('conflict', error.message);
    if (error.status === 403) return new ContractError('forbidden', error.message);
    if (error.status === 400) return new ContractError('invalid_input', error.message);
  }
  return error instanceof Error ? error : new Error(String(error));
};

/**
 * The workstation's side of a video visit. The renderer holds the media and the peer connections;
 * main holds the session's token, so the signalling socket to the backend is main's: frames are
 * relayed both ways through the contract. One visit at a time; a dropped socket (network change,
 * backend restart) reconnects with backoff and joins the same visit again.
 */
export function createVideoService(deps: VideoDeps) {
  let checking = false;
  let call: {
    appointmentId: string;
    socket: WebSocket | null;
    failures: number;
    timer?: ReturnType<typeof setTimeout>;
  } | null = null;
  const url = new URL('/video/socket', deps.backendUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

  const close = () => {
    checking = false;
    const current = call;
    call = null;
    if (!current) return;
    clearTimeout(current.timer);
    current.socket?.close(1000, 'left');
    deps.onLink('closed');
  };

  function connect(appointmentId: string): void {
    const current = call;
    if (current?.appointmentId !== appointmentId) return;
    const ws = new WebSocket(url);
    current.socket = ws;
    deps.onLink(current.failures === 0 ? 'connecting' : 'reconnecting');
    // The token this socket used: a refusal renews exactly that one (shared with any refresh under way).
    const sent = deps.tokens.accessToken();
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', accessToken: sent })));
    ws.on('message', (data: Buffer) => {
      let frame: VideoServerFrame | undefined;
      try {
        frame = VideoServerFrame.safeParse(JSON.parse(data.toString('utf8'))).data;
      } catch {
        return;
      }
      if (!frame || call !== current) return;
      if (frame.type === 'ready') {
        ws.send(JSON.stringify({ type: 'join', appointmentId } satisfies VideoClientFrame));
        return;
      }
      if (frame.type === 'joined') {
        current.failures = 0;
        deps.onLink('open');
      }
      deps.onFrame(frame);
      if (frame.type === 'ended') {
        close();
        void keepRecord(appointmentId);
      }
    });
    ws.on('close', (code) => {
      if (call !== current || current.socket !== ws) return;
      current.socket = null;
      current.failures += 1;
      deps.onLink('reconnecting');
      const retry = () => {
        if (call === current)
          current.timer = setTimeout(
            () => connect(appointmentId),
            backoffDelay(current.failures, 5000, deps.random ?? Math.random),
          );
      };
      if (code === realtimeCloseCodes.unauthenticated) void deps.tokens.refresh(sent).then(retry, retry);
      else retry();
    });
    ws.on('error', () => undefined);
  }

  async function keepRecord(appointmentId: string): Promise<void> {
    const appointment = (await deps.client
      .json(`/fhir/Appointment/${encodeURIComponent(appointmentId)}`, z.unknown())
      .catch(() => null)) as Appointment | null;
    if (appointment) deps.onEnded(appointment);
  }

  const json = async <T>(schema: z.ZodType<T>, path: string, body?: unknown): Promise<T> => {
    try {
      return await deps.client.json(path, schema, body);
    } catch (error) {
      throw asContractError(error);
    }
  };

  return {
    /** Starts (or rejoins) the visit of a contact the user holds and opens its signalling. */
    async start(taskId: string): Promise<VideoVisit & { joinUrl: string }> {
      const visit = await json(VideoVisit, '/video/visits', { taskId });
      // Always a fresh signalling session: a reloaded window starts its mesh from a new `joined`.
      close();
      call = { appointmentId: visit.appointmentId, socket: null, failures: 0 };
      connect(visit.appointmentId);
      return { ...visit, joinUrl: new URL(visit.joinPath, deps.backendUrl).toString() };
    },
    send(frame: PeerFrame): boolean {
      if (call?.socket?.readyState !== WebSocket.OPEN) return false;
      call.socket.send(JSON.stringify(frame));
      return true;
    },
    /** Leaves without ending (the resident keeps waiting; the professional may come back). */
    leave(): void {
      if (call?.socket?.readyState === WebSocket.OPEN)
        call.socket.send(JSON.stringify({ type: 'leave' } satisfies VideoClientFrame));
      close();
    },
    async end(appointmentId: string): Promise<void> {
      close();
      await json(VideoVisit, `/video/visits/${encodeURIComponent(appointmentId)}/end`, {});
      await keepRecord(appointmentId);
    },
    async invite(appointmentId: string): Promise<{ url: string; expiresAt: string }> {
      const invitation = await json(
        GuestInvitation,
        `/video/visits/${encodeURIComponent(appointmentId)}/invitations`,
        {},
      );
      return { url: new URL(invitation.joinPath, deps.backendUrl).toString(), expiresAt: invitation.expiresAt };
    },
    snapshot: (appointmentId: string, requestId: string, dataBase64: string) =>
      json(z.object({ mediaId: z.string() }), `/video/visits/${encodeURIComponent(appointmentId)}/snapshot`, {
        requestId,
        dataBase64,
      }),
    iceServers: async () => (await json(z.object({ iceServers: z.array(IceServer) }), '/video/ice-servers')).iceServers,
    checkDevices(open: boolean): boolean {
      checking = open;
      return checking;
    },
    /** Camera and microphone are allowed to the window only while this is true. */
    inCall: () => call !== null || checking,
    stop: close,
  };
}
export type VideoService = ReturnType<typeof createVideoService>;
