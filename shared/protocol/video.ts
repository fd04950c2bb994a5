import { z } from 'zod';

/**
 * Video visits: the HTTP bodies and the signalling socket's frames (GET /video/socket), shared by
 * the backend, the workstation's main process, the renderer and the resident's browser.
 */
export const IceServer = z.object({
  urls: z.union([z.string().max(300), z.array(z.string().max(300)).max(8)]),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});
export type IceServer = z.infer<typeof IceServer>;

/** Answer to starting a visit (POST /video/visits) and to reading one. */
export const VideoVisit = z.object({
  appointmentId: z.string(),
  taskId: z.string(),
  patientId: z.string(),
  /** The resident's join link, relative to the backend (she signs in, then enters the waiting room). */
  joinPath: z.string(),
  start: z.string(),
  status: z.enum(['open', 'ended']),
});
export type VideoVisit = z.infer<typeof VideoVisit>;

/** The resident's open visits (GET /resident/api/video/visits). */
export const OpenVisit = z.object({ appointmentId: z.string(), start: z.string() });
export type OpenVisit = z.infer<typeof OpenVisit>;

export const StartVisitRequest = z.object({ taskId: z.string().min(1).max(100) }).strict();
/** A still of the resident's video, taken by the professional (JPEG, base64). */
export const SnapshotRequest = z
  .object({ requestId: z.string().uuid(), dataBase64: z.string().min(8).max(6_000_000) })
  .strict();
export const GuestInvitation = z.object({ joinPath: z.string(), expiresAt: z.string() });
export type GuestInvitation = z.infer<typeof GuestInvitation>;

export const VideoRole = z.enum(['professional', 'resident', 'guest']);
export type VideoRole = z.infer<typeof VideoRole>;

export const Participant = z.object({
  /** Stable per person and visit: a reload comes back as the same participant with a new session. */
  id: z.string(),
  /** One per socket: a new session means the other side must build a new connection. */
  session: z.string(),
  role: VideoRole,
  name: z.string(),
  admitted: z.boolean(),
  muted: z.boolean(),
  cameraOff: z.boolean(),
});
export type Participant = z.infer<typeof Participant>;

const id = z.string().min(1).max(100);
export const VideoClientFrame = z.discriminatedUnion('type', [
  /** Staff access token, resident token or a guest's one-time invitation token. */
  z.object({ type: z.literal('auth'), accessToken: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('join'), appointmentId: id }),
  /** The professional lets a waiting participant in. */
  z.object({ type: z.literal('admit'), participantId: id }),
  /** simple-peer's signal data for one other participant's session. */
  z.object({ type: z.literal('signal'), to: id, toSession: id, data: z.unknown() }),
  z.object({ type: z.literal('media'), muted: z.boolean(), cameraOff: z.boolean() }),
  z.object({ type: z.literal('leave') }),
  /** The professional ends the visit for everyone. */
  z.object({ type: z.literal('end') }),
]);
export type VideoClientFrame = z.infer<typeof VideoClientFrame>;

export const videoEndReasons = ['ended', 'not-allowed', 'not-found'] as const;
export const VideoServerFrame = z.discriminatedUnion('type', [
  /** The token was accepted: send `join` now (frames before this are dropped). */
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('joined'), self: Participant, iceServers: z.array(IceServer) }),
  /** Everyone in the visit, waiting or admitted; sent on every change. */
  z.object({ type: z.literal('participants'), participants: z.array(Participant) }),
  z.object({ type: z.literal('signal'), from: z.string(), fromSession: z.string(), data: z.unknown() }),
  /** The professional saved a still of the resident's video into her photos. */
  z.object({ type: z.literal('snapshot') }),
  z.object({ type: z.literal('ended'), reason: z.enum(videoEndReasons) }),
]);
export type VideoServerFrame = z.infer<typeof VideoServerFrame>;
