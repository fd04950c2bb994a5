/** The renderer is served from this custom scheme, never from file://. */
export const appScheme = 'app';
export const appHost = 'kaari';
export const appOrigin = `${appScheme}://${appHost}`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}
