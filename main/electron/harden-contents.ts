import type { WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { isPermissionAllowed } from './permissions';

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'session'>;

/**
 * Navigation away from the app, new windows and stray permissions are refused. External links are
 * handed to the OS browser only for https, after re-parsing.
 */
export function hardenContents(contents: ContentsLike, openExternal: (url: string) => void, mediaOpen: () => boolean = () => false): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    try {
      if (new URL(url).protocol === 'https:') openExternal(url);
    } catch {
      // not a URL: nothing to open
    }
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const media = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(isPermissionAllowed(permission, details.requestingUrl, media, mediaOpen));
  });
  contents.session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, [], mediaOpen),
  );
}
