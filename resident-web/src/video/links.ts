/**
 * Join links: `#video=<appointment>` for the resident (she signs in first; the link is kept in
 * this tab until then) and `#guest=<token>` for an invited interpreter or family member.
 */
const pendingKey = 'kaari-resident-video';

function fromHash(name: string): string | null {
  const match = new RegExp(`^#${name}=([^&]+)$`).exec(location.hash);
  if (!match?.[1]) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return decodeURIComponent(match[1]);
}

// Read once at load, before anything else may change the hash.
const videoFromHash = fromHash('video');
if (videoFromHash) sessionStorage.setItem(pendingKey, videoFromHash);
// The guest's token stays in this tab, so a reload comes back to the same visit.
const guestToken = fromHash('guest') ?? sessionStorage.getItem('kaari-video-guest');
if (guestToken) sessionStorage.setItem('kaari-video-guest', guestToken);

/** The visit a join link asked for, once. */
export function takeVideoLink(): string | null {
  const id = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  return id;
}

/** The guest's token and the visit it names (the token's subject; the backend checks the signature). */
export function guestLink(): { token: string; appointmentId: string } | null {
  if (!guestToken) return null;
  try {
    const payload = JSON.parse(atob((guestToken.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as {
      sub?: unknown;
    };
    return typeof payload.sub === 'string' ? { token: guestToken, appointmentId: payload.sub } : null;
  } catch {
    return null;
  }
}
