import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3), the OWASP-recommended family. */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = async (hash: string, password: string): Promise<boolean> => {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
};
