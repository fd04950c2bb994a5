import { isAppUrl } from './app-origin';

/** Only camera and microphone, only for our own origin (video visits). Everything else is denied. */
export function isPermissionAllowed(permission: string, requestingUrl: string, mediaTypes: readonly string[] = []): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission !== 'media') return false;
  return mediaTypes.every((t) => t === 'video' || t === 'audio');
}
