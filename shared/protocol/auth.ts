import { z } from 'zod';
import { User } from '../contract/schemas';

/** HTTP wire protocol between workstation and regional backend: sign-in. */
export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /** Identifies the enrolled device, so its tokens can be revoked with it. */
  deviceId: z.string().min(1).max(100),
  /** The workstation's version, shown in the administrator's device list. */
  appVersion: z.string().min(1).max(40).optional(),
  /** Required once the device is enrolled: a device proof over `/auth/login` (shared/protocol/devices.ts). */
  proof: z.string().min(1).max(4000).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const TokenPair = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string(),
});
export type TokenPair = z.infer<typeof TokenPair>;

export const LoginResponse = TokenPair.extend({ user: User });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** A refresh names the device it comes from, with a proof over this refresh token when the device is enrolled. */
export const RefreshRequest = z.object({
  refreshToken: z.string().min(1).max(500),
  deviceId: z.string().min(1).max(100),
  proof: z.string().min(1).max(4000).optional(),
});
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(500) });
export type LogoutRequest = z.infer<typeof LogoutRequest>;

export const HealthResponse = z.object({ status: z.literal('ok'), version: z.string() });
