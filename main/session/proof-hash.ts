import { createHash } from 'node:crypto';

/** The refresh token a proof is about, by hash (the backend's `proofHash`), so the proof cannot be used with another token. */
export const proofHashOf = (value: string): string => createHash('sha256').update(value).digest('base64url');
