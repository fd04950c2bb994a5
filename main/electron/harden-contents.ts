import type { WebContents } from 'electron';
import { isExternalLinkAllowed } from '../policy/external-links';
import { isAppUrl } from './app-origin';
import { type PermissionState, isPermissionAllowed } from './permissions';

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'session'>;

export interface HardenOptions extends Partial<PermissionState> {
  /** Hands a link to the OS browser (Electron `shell.openExternal`). */
  openExternal(url: string): void;
  /** The machine policy's `externalLinkHosts`: the only hosts a link may open. */
  externalLinkHosts: readonly string[];
}

/**
 * Navigation away from the app, new windows and stray permissions are refused. A link opens in
 * the OS browser only for https to a host the organisation listed, after re-parsing.
 */
export function hardenContents(contents: ContentsLike, options: HardenOptions): void {
  const state: PermissionState = {
    mediaOpen: options.mediaOpen ?? (() => false),
    notificationsOptedIn: options.notificationsOptedIn ?? (() => false),
  };
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url, options.externalLinkHosts)) options.openExternal(new URL(url).href);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const media = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(isPermissionAllowed(permission, details.requestingUrl, media, state));
  });
  contents.session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, [], state),
  );
}
