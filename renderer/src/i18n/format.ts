import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { finnishZone } from '../../../shared/care-guarantee/calendar';

/** The locale a UI language formats dates in: Finnish conventions for every workstation language. */
const locales: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * Times as people read them: in the viewer's language and in Finland's time zone, whatever the
 * computer's zone (a workstation set to UTC must not show times two hours off).
 */
export function useFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const locale = locales[i18n.language] ?? 'fi-FI';
    const dateTime = new Intl.DateTimeFormat(locale, { timeZone: finnishZone, dateStyle: 'short', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { timeZone: finnishZone, dateStyle: 'short' });
    const time = new Intl.DateTimeFormat(locale, { timeZone: finnishZone, hour: '2-digit', minute: '2-digit' });
    const languages = new Intl.DisplayNames([locale], { type: 'language' });
    return {
      dateTime: (iso: string | number) => dateTime.format(new Date(iso)),
      time: (iso: string | number) => time.format(new Date(iso)),
      /** A calendar day (YYYY-MM-DD, Finnish calendar) or an instant, as its date. */
      date: (day: string) => date.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T12:00:00Z` : day)),
      /** A language code (BCP 47) as its name in the viewer's language. */
      language: (code: string) => languages.of(code) ?? code,
    };
  }, [i18n.language]);
}
