import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates in the policy's PEM files; a file that holds none, or a broken one, is an error. */
export function readCaCertificates(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    const blocks = readFileSync(path, 'utf8').match(pemBlock) ?? [];
    if (blocks.length === 0) throw new Error(`The machine policy's CA file ${path} holds no PEM certificate.`);
    for (const block of blocks) new X509Certificate(block);
    return blocks;
  });
}

/**
 * Adds the organisation's CAs to the ones this process trusts by default (Node's bundled list),
 * which is the `ca` every TLS client of the workstation uses: fetch to the backend and the
 * realtime and video WebSockets. Nothing else (no user setting, no environment variable in the
 * installed app) can add a CA. Returns how to undo it (tests).
 */
export function trustExtraCa(pems: readonly string[]): () => void {
  const before = tls.getCACertificates('default');
  if (pems.length > 0) tls.setDefaultCACertificates([...before, ...pems]);
  return () => tls.setDefaultCACertificates(before);
}
