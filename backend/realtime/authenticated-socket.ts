import type { WebSocket } from 'ws';
import type { z } from 'zod';
import { realtimeCloseCodes } from '../../shared/protocol/realtime';

type Frame = { type: string };
type AuthFrame = { type: 'auth'; accessToken: string };

export interface SocketSession<F extends Frame, Who> {
  /** The client frames, with `auth` among them; anything else is ignored. */
  frames: z.ZodType<F>;
  verify(token: string): Promise<Who | null>;
  /** Each successful auth frame (the first, and any later one with a refreshed token). */
  onAuthenticated(who: Who, previous: Who | null): void | Promise<void>;
  /** Every other frame, once authenticated. */
  onFrame(frame: Exclude<F, AuthFrame>, who: Who): void | Promise<void>;
  onClose(who: Who): void;
  /**
   * Asked every `recheckMs` while the socket is open: a close code when the session behind the
   * token has ended since (sign-out, revoked device), null while it holds.
   */
  recheck?(who: Who): Promise<number | null>;
}

export const recheckMs = 5000;

/**
 * The one way a realtime socket (staff or resident) authenticates: the first frame carries the
 * token, within 5 s; a bad token closes with 4401 (sign in again); frames that do not parse, or
 * arrive before authentication, are dropped.
 */
export function authenticatedSocket<F extends Frame, Who>(socket: WebSocket, session: SocketSession<F, Who>): void {
  let who: Who | null = null;
  const recheck = session.recheck;
  const rechecking = recheck
    ? setInterval(() => {
        if (who === null) return;
        void recheck(who)
          .then((code) => {
            if (code !== null) socket.close(code, 'session ended');
          })
          .catch(() => undefined);
      }, recheckMs)
    : null;
  const authTimer = setTimeout(() => socket.close(realtimeCloseCodes.unauthenticated, 'auth timeout'), 5000);
  socket.on('message', async (data: Buffer) => {
    let frame: F;
    try {
      const parsed = session.frames.safeParse(JSON.parse(data.toString('utf8')));
      if (!parsed.success) return;
      frame = parsed.data;
    } catch {
      return;
    }
    if (frame.type === 'auth') {
      const verified = await session.verify((frame as unknown as AuthFrame).accessToken);
      clearTimeout(authTimer);
      if (!verified) {
        socket.close(realtimeCloseCodes.unauthenticated, 'invalid token');
        return;
      }
      const previous = who;
      who = verified;
      await session.onAuthenticated(verified, previous);
      return;
    }
    if (who !== null) await session.onFrame(frame as Exclude<F, AuthFrame>, who);
  });
  socket.on('close', () => {
    clearTimeout(authTimer);
    if (rechecking) clearInterval(rechecking);
    if (who !== null) session.onClose(who);
  });
}
