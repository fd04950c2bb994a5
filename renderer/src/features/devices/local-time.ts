import { finnishZone } from '../../../../shared/care-guarantee/calendar';

/** A moment in words for the administrator: "5 minutes ago (1.12.2026 19.40)", in Helsinki time and her language. */
export function whenInWords(iso: string, language: string, now = Date.now()): string {
  const at = new Date(iso);
  const minutes = Math.round((at.getTime() - now) / 60_000);
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const words =
    Math.abs(minutes) < 60
      ? relative.format(minutes, 'minute')
      : Math.abs(minutes) < 48 * 60
        ? relative.format(Math.round(minutes / 60), 'hour')
        : relative.format(Math.round(minutes / 1440), 'day');
  return `${words} (${at.toLocaleString(language, { dateStyle: 'short', timeStyle: 'short', timeZone: finnishZone })})`;
}
