import { isAppUrl } from './app-origin';

/**
 * Only camera and microphone (video visits: only while a call or its device check is open),
 * full screen (the call) and notifications (urgent contacts, opt-in in settings), only for our
 * own origin. Everything else is denied.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, mediaTypes: readonly string[] = [], mediaOpen: () => boolean = () => false): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  // Notifications and full screen (the video call's button) need no device.
  if (permission === 'notifications' || permission === 'fullscreen') return true;
  if (permission !== 'media') return false;
  return mediaOpen() && mediaTypes.every((t) => t === 'video' || t === 'audio');
}
