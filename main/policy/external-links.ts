/**
 * A link leaves the app for the system browser only when it is https, carries no credentials,
 * and its host is one the organisation listed in the machine policy (`externalLinkHosts`).
 * Resident-supplied text can hold any link; this keeps it from opening arbitrary sites.
 */
export function isExternalLinkAllowed(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  const host = parsed.hostname;
  return allowedHosts.some((allowed) =>
    allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : host === allowed,
  );
}
