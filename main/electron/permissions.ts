import { isAppUrl } from './app-origin';

/**
 * Only camera and microphone (video visits: only while a call or its device check is open) and
 * notifications (urgent contacts, opt-in in settings), only for our own origin. Everything else
 * is denied.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, mediaTypes: readonly string[] = [], mediaOpen: () => boolean = () => false): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission === 'notifications') return true;
  if (permission !== 'media') return false;
  return mediaOpen() && mediaTypes.every((t) => t === 'video' || t === 'audio');
}
