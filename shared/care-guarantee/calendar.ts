import { TZDate } from '@date-fns/tz';
import { addDays, endOfDay, isWeekend } from 'date-fns';
import Holidays from 'date-holidays';

/** Care-guarantee time is Finnish wall-clock time, whatever the workstation's own zone. */
export const finnishZone = 'Europe/Helsinki';

const holidays = new Holidays('FI');

export const inFinland = (at: Date | string | number): TZDate => new TZDate(new Date(at).getTime(), finnishZone);

const isoDay = (d: TZDate): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * Public holidays, plus Midsummer Eve and Christmas Eve: date-holidays lists those two as bank
 * holidays, but health centres keep them closed like public ones.
 */
export function isHolidayInFinland(day: TZDate): boolean {
  const found = holidays.isHoliday(new Date(`${isoDay(day)}T12:00:00Z`));
  if (!found) return false;
  return found.some(
    (h) => h.type === 'public' || (h.type === 'bank' && (/-06-(19|2[0-5])/.test(h.date) || h.date.includes('-12-24'))),
  );
}

const workingDays = new Map<string, boolean>();

/** Memoised per calendar day: the queue asks this for every one of thousands of contacts. */
export function isWorkingDay(day: TZDate): boolean {
  const key = isoDay(day);
  let working = workingDays.get(key);
  if (working === undefined) {
    working = !isWeekend(day) && !isHolidayInFinland(day);
    workingDays.set(key, working);
  }
  return working;
}

export function nextWorkingDay(day: TZDate): TZDate {
  let d = addDays(day, 1);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The end (23:59:59.999, Finnish time) of the n-th working day after `day`. */
export function endOfNthWorkingDayAfter(day: TZDate, n: number): TZDate {
  let d = day;
  for (let i = 0; i < n; i += 1) d = nextWorkingDay(d);
  return endOfDay(d);
}

export { endOfDay, isoDay };
