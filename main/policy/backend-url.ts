import { isIP } from 'node:net';

const isLoopback = (hostname: string): boolean => {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
};

/**
 * The regional backend's address as the workstation may use it: plain http:// (and ws://) only
 * to this computer itself (development, the demo); any other host needs TLS, so health data and
 * tokens never cross a network in clear text.
 */
export function checkedBackendUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`The backend address "${url}" is not a URL; set it like https://kaari.example.fi.`);
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopback(parsed.hostname)) return parsed;
  if (parsed.protocol === 'http:') {
    throw new Error(
      `The backend ${parsed.host} is not on this computer, so it must be reached over TLS: use https://${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname} instead of http://.`,
    );
  }
  throw new Error(`The backend address "${url}" must start with https://.`);
}
