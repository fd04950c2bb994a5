import { isAppUrl } from './app-origin';

/** What the permission decision depends on, read at the moment of each request. */
export interface PermissionState {
  /** A video call (or its device check) is open. */
  mediaOpen(): boolean;
  /** The signed-in user switched desktop notifications on in Settings. */
  notificationsOptedIn(): boolean;
}

const closed: PermissionState = { mediaOpen: () => false, notificationsOptedIn: () => false };

/**
 * Only for our own origin: camera and microphone only while a call or its device check is open,
 * notifications only after the user opted in, full screen (the call's button). Everything else
 * is denied.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  mediaTypes: readonly string[] = [],
  state: PermissionState = closed,
): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission === 'fullscreen') return true;
  if (permission === 'notifications') return state.notificationsOptedIn();
  if (permission !== 'media') return false;
  return state.mediaOpen() && mediaTypes.every((t) => t === 'video' || t === 'audio');
}
