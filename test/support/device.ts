import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { type PublicJwk, deviceProofSeconds, deviceProofType } from '../../shared/protocol/devices';

/**
 * A test device: its own id and ES256 key, and the proofs a workstation sends
 * (main/session/device-identity.ts makes the same ones; backend tests may not import main).
 */
export async function testDevice(id = `test-device-${randomUUID().slice(0, 8)}`) {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const publicJwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
  const proof = (htu: string, refreshToken?: string) => {
    const now = Math.floor(Date.now() / 1000);
    const ath =
      refreshToken === undefined ? {} : { ath: createHash('sha256').update(refreshToken).digest('base64url') };
    return new SignJWT({ htm: 'POST', htu, ...ath })
      .setProtectedHeader({ alg: 'ES256', typ: deviceProofType })
      .setSubject(id)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + deviceProofSeconds)
      .sign(privateKey);
  };
  return { id, publicJwk, proof };
}
export type TestDevice = Awaited<ReturnType<typeof testDevice>>;
