import { createHmac } from 'node:crypto';
import type { IceServer } from '../../shared/protocol/video';

export interface IceConfig {
  /** e.g. stun:stun.example.fi:3478; none by default (loopback and LAN need none). */
  stunUrl?: string;
  /** e.g. turn:turn.example.fi:3478?transport=udp */
  turnUrl?: string;
  /** coturn's static-auth-secret (use-auth-secret): shared with the TURN server, never sent. */
  turnSecret?: string;
  /** How long a TURN credential lives; a call longer than this keeps its allocation. */
  ttlSeconds?: number;
}

export function iceConfigFromEnv(env: NodeJS.ProcessEnv): IceConfig {
  return {
    ...(env.KAARI_STUN_URL ? { stunUrl: env.KAARI_STUN_URL } : {}),
    ...(env.KAARI_TURN_URL ? { turnUrl: env.KAARI_TURN_URL } : {}),
    ...(env.KAARI_TURN_SECRET ? { turnSecret: env.KAARI_TURN_SECRET } : {}),
    ...(env.KAARI_TURN_TTL ? { ttlSeconds: Number(env.KAARI_TURN_TTL) } : {}),
  };
}

/**
 * The TURN REST API scheme coturn implements: username = "<expiry unix time>:<user>", credential =
 * base64(HMAC-SHA1(secret, username)). The TURN server checks both without asking us, and a leaked
 * credential stops working at its expiry.
 */
export function turnCredential(
  secret: string,
  user: string,
  ttlSeconds: number,
  now = Date.now(),
): { username: string; credential: string } {
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${user}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

export function iceServersFor(config: IceConfig, user: string, now = Date.now()): IceServer[] {
  const servers: IceServer[] = [];
  if (config.stunUrl) servers.push({ urls: config.stunUrl });
  if (config.turnUrl && config.turnSecret)
    servers.push({ urls: config.turnUrl, ...turnCredential(config.turnSecret, user, config.ttlSeconds ?? 3600, now) });
  return servers;
}
