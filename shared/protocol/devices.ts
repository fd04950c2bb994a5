import { z } from 'zod';

/**
 * Device identity (docs/SECURITY.md): a workstation enrolls with a one-time code from the
 * administrator and its own ES256 key; its sign-ins and refreshes then carry a short-lived proof
 * signed by that key, so a copied refresh token is useless on another machine.
 */
export const deviceProofType = 'kaari-device-proof+jwt';
/** How long a proof is accepted after it was made (clock skew included). */
export const deviceProofSeconds = 60;

/** Why the backend refused a sign-in, refresh or request; the workstation acts on these words. */
export const AuthReason = z.enum([
  'device-not-enrolled',
  'device-revoked',
  'device-proof',
  'session-expired',
  'enrollment-code',
  'locked',
]);
export type AuthReason = z.infer<typeof AuthReason>;
export const authReasonSystem = 'urn:kaari:auth-reason';

/** An EC P-256 public key as JWK: nothing private may come along. */
export const PublicJwk = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1).max(100),
  y: z.string().min(1).max(100),
});
export type PublicJwk = z.infer<typeof PublicJwk>;

export const EnrollRequest = z.object({
  code: z.string().trim().min(4).max(40),
  deviceId: z.string().min(1).max(100),
  publicJwk: PublicJwk,
  appVersion: z.string().min(1).max(40),
  /** Made with the new key over `/auth/enroll`: the device holds the private half. */
  proof: z.string().min(1).max(4000),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollmentCode = z.object({ code: z.string(), expiresAt: z.string() });
export type EnrollmentCode = z.infer<typeof EnrollmentCode>;

export const DeviceSummary = z.object({
  id: z.string(),
  users: z.array(z.object({ id: z.string(), displayName: z.string() })),
  appVersion: z.string(),
  enrolledAt: z.string(),
  lastContactAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;
export const DeviceList = z.object({ devices: z.array(DeviceSummary) });

export const SecurityNotice = z.object({
  id: z.string(),
  kind: z.literal('account_locked'),
  staff: z.object({ id: z.string(), displayName: z.string() }),
  createdAt: z.string(),
});
export type SecurityNotice = z.infer<typeof SecurityNotice>;
export const SecurityNoticeList = z.object({ notices: z.array(SecurityNotice) });
