import { timingSafeEqual } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { ClientFrame, type ServerFrame, fail } from '../../shared/contract';
import type { MainServices } from '../services';
import { contentSecurityPolicy } from './csp';

export interface BrowserHostOptions {
  services: MainServices;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port: number;
  /** A per-launch secret; only a page that was given it can drive the workstation's services. */
  token: string;
}

export interface BrowserHost {
  url: string;
  /** The URL to open, carrying the token in the fragment so it never reaches a server log. */
  launchUrl: string;
  close(): Promise<void>;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Runs the main services in plain Node and carries the contract over a WebSocket, so the whole
 * product runs and is tested in a browser where the Electron binary is missing.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const app: FastifyInstance = Fastify({ logger: false });
  let origin = '';
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', contentSecurityPolicy([origin.replace(/^http/, 'ws')]));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });

  // The page that started the video call: when it goes (reload, tab closed), the call is left.
  let videoOwner: unknown = null;
  app.get('/api', { websocket: true }, (socket, request) => {
    const query = request.query as { token?: unknown };
    // A page on another origin must not reach patient data through this socket (CSWSH).
    if (
      request.headers.origin !== origin ||
      typeof query.token !== 'string' ||
      !sameSecret(query.token, options.token)
    ) {
      socket.close(4401, 'forbidden');
      return;
    }
    const send = (frame: ServerFrame) => socket.send(JSON.stringify(frame));
    const unsubscribe = options.services.events.subscribe((event, payload) => send({ event, payload }));
    socket.on('message', async (data: Buffer) => {
      let json: unknown;
      try {
        json = JSON.parse(data.toString('utf8'));
      } catch {
        return;
      }
      const frame = ClientFrame.safeParse(json);
      if (!frame.success) {
        const id = (json as { id?: unknown } | null)?.id;
        if (typeof id === 'number') send({ id, result: fail('invalid_input', 'Malformed request frame') });
        return;
      }
      if (frame.data.call === 'video.start') videoOwner = socket;
      const result = await options.services.registry.dispatch(frame.data.call, frame.data.input);
      send({ id: frame.data.id, result });
    });
    socket.on('close', () => {
      unsubscribe();
      if (videoOwner !== socket) return;
      videoOwner = null;
      options.services.rendererGone();
    });
  });

  await app.listen({ host: '127.0.0.1', port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    launchUrl: `${origin}/#token=${options.token}`,
    close: () => app.close(),
  };
}
