import { z } from 'zod';
import { IceServer, VideoServerFrame, VideoVisit } from '../protocol/video';

const empty = z.object({}).strict();
const appointmentId = z.string().min(1).max(100);

/** What the renderer may send on the visit's signalling socket (main adds auth and join). */
export const PeerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('admit'), participantId: z.string().max(100) }).strict(),
  z
    .object({
      type: z.literal('signal'),
      to: z.string().max(100),
      toSession: z.string().max(100),
      data: z.record(z.string(), z.unknown()),
    })
    .strict(),
  z.object({ type: z.literal('media'), muted: z.boolean(), cameraOff: z.boolean() }).strict(),
]);

/**
 * Video visit calls. The renderer owns camera, microphone and the peer connections; main owns
 * the token and therefore the signalling socket, and relays frames both ways.
 */
export const videoCalls = {
  /** Start (or rejoin) the visit of a contact I hold; the answer carries the resident's join link. */
  'video.start': {
    input: z.object({ taskId: z.string().min(1).max(100) }).strict(),
    output: VideoVisit.extend({ joinUrl: z.string() }),
  },
  'video.send': { input: z.object({ frame: PeerFrame }).strict(), output: z.object({ sent: z.boolean() }) },
  /** Leave the call window without ending the visit. */
  'video.leave': { input: empty, output: z.object({ left: z.boolean() }) },
  /** End the visit for everyone; its start, end and participants go into the record. */
  'video.end': { input: z.object({ appointmentId }).strict(), output: z.object({ ended: z.boolean() }) },
  /** A one-time link for an interpreter or a family member. */
  'video.invite': {
    input: z.object({ appointmentId }).strict(),
    output: z.object({ url: z.string(), expiresAt: z.string() }),
  },
  /** A still of the resident's video into her photos (JPEG as base64); she is told at once. */
  'video.snapshot': {
    input: z
      .object({ appointmentId, requestId: z.string().uuid(), dataBase64: z.string().min(8).max(700_000) })
      .strict(),
    output: z.object({ mediaId: z.string() }),
  },
  /** The pre-call device check opened or closed: camera and microphone are allowed only while it, or a call, is open. */
  'video.deviceCheck': { input: z.object({ open: z.boolean() }).strict(), output: z.object({ open: z.boolean() }) },
  /** STUN/TURN servers for the device check (is the relay reachable?). */
  'video.iceServers': { input: empty, output: z.object({ iceServers: z.array(IceServer) }) },
} as const;

export const videoEvents = {
  /** A frame from the visit's signalling socket. */
  'video.frame': VideoServerFrame,
  /** The signalling socket's state: the call view says "reconnecting…" instead of freezing. */
  'video.link': z.object({ state: z.enum(['connecting', 'open', 'reconnecting', 'closed']) }),
} as const;
