import { finnishZone } from '../../shared/care-guarantee/calendar';

/**
 * Dates and times in the resident's language where the browser knows its conventions, else in
 * day-month order with a 24-hour clock (never the US order), always in Finland's time.
 */
const localeFor = (language: string): string[] => {
  const known = Intl.DateTimeFormat.supportedLocalesOf([`${language}-FI`, language]);
  return [...known, 'en-GB'];
};

export const formatDateTime = (iso: string, language: string): string =>
  new Intl.DateTimeFormat(localeFor(language), {
    timeZone: finnishZone,
    dateStyle: 'short',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date(iso));

export const formatTime = (iso: string, language: string): string =>
  new Intl.DateTimeFormat(localeFor(language), {
    timeZone: finnishZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

export const formatDate = (iso: string, language: string): string =>
  new Intl.DateTimeFormat(localeFor(language), { timeZone: finnishZone, dateStyle: 'long' }).format(new Date(iso));
