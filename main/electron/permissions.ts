import { isAppUrl } from './app-origin';

/**
 * Only camera and microphone (video visits) and notifications (urgent contacts, opt-in in
 * settings), only for our own origin. Everything else is denied.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, mediaTypes: readonly string[] = []): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission === 'notifications') return true;
  if (permission !== 'media') return false;
  return mediaTypes.every((t) => t === 'video' || t === 'audio');
}
