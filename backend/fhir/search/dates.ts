import { invalid } from '../fhir-error';
import { datePrefixes } from './params';

type Prefix = (typeof datePrefixes)[number];

/** A date search value as FHIR R4 reads it: a prefix and the half-open range its precision spans. */
export interface DateRange {
  prefix: Prefix;
  /** Inclusive start, ms since the epoch. */
  lo: number;
  /** Exclusive end. */
  hi: number;
}

const pattern =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+ -]\d{2}:\d{2})?)?)?)?$/;

/**
 * Parses `[prefix]YYYY[-MM[-DD[Thh:mm[:ss[.fff]][zone]]]]`. A value without a zone is read as
 * UTC. A `+` of a zone that arrived unencoded in a query string (a space) is read as `+`.
 */
export function parseDateSearch(name: string, raw: string): DateRange {
  const prefix = (datePrefixes as readonly string[]).includes(raw.slice(0, 2)) ? (raw.slice(0, 2) as Prefix) : 'eq';
  const value = prefix === 'eq' && !raw.startsWith('eq') ? raw : raw.slice(2);
  const m = pattern.exec(value);
  const bad = () => invalid(`${name}: not a FHIR date: ${raw}`);
  if (!m) throw bad();
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) throw bad();
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) throw bad();
  let offset = 0;
  if (zone && zone !== 'Z') {
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    if ((zh ?? 99) > 14 || (zm ?? 99) > 59) throw bad();
    offset = (zone[0] === '-' ? -1 : 1) * ((zh ?? 0) * 60 + (zm ?? 0)) * 60_000;
  }
  const at = (yy: number, mm: number, dd: number, hh: number, mn: number, ss: number, mss: number) => {
    const date = new Date(0);
    date.setUTCFullYear(yy, mm - 1, dd);
    date.setUTCHours(hh, mn, ss, mss);
    return date.getTime() - offset;
  };
  const lo = at(year, month, day, hour, minute, second, ms);
  let hi: number;
  if (mo === undefined) hi = at(year + 1, 1, 1, 0, 0, 0, 0);
  else if (d === undefined) hi = at(year, month + 1, 1, 0, 0, 0, 0);
  else if (h === undefined) hi = at(year, month, day + 1, 0, 0, 0, 0);
  else if (s === undefined) hi = lo + 60_000;
  else if (frac === undefined) hi = lo + 1000;
  else hi = lo + 1;
  return { prefix, lo, hi };
}

const iso = (ms: number) => {
  const date = new Date(ms);
  return date.getUTCFullYear() > 9999 ? 'infinity' : date.getUTCFullYear() < 1 ? '-infinity' : date.toISOString();
};

/**
 * The SQL condition for one date value against a target that is itself a range [tLo, tHi)
 * (an instant is one millisecond wide), by the R4 definitions of each prefix: eq = the search
 * range contains the target; gt/lt = the target reaches above/below it; ge/le = gt/lt or eq;
 * sa/eb = the target lies wholly after/before it; ap = overlaps it widened by 10 % of its
 * distance from now.
 */
export function dateCondition(range: DateRange, tLo: string, tHi: string, add: (value: unknown) => string): string {
  // Only the bounds a prefix uses become parameters: PostgreSQL refuses a parameter it cannot type.
  const lo = () => `${add(iso(range.lo))}::timestamptz`;
  const hi = () => `${add(iso(range.hi))}::timestamptz`;
  const eq = () => `(${tLo} >= ${lo()} AND ${tHi} <= ${hi()})`;
  switch (range.prefix) {
    case 'eq':
      return eq();
    case 'ne':
      return `NOT ${eq()}`;
    case 'gt':
      return `${tHi} > ${hi()}`;
    case 'lt':
      return `${tLo} < ${lo()}`;
    case 'ge':
      return `(${tHi} > ${hi()} OR ${eq()})`;
    case 'le':
      return `(${tLo} < ${lo()} OR ${eq()})`;
    case 'sa':
      return `${tLo} >= ${hi()}`;
    case 'eb':
      return `${tHi} <= ${lo()}`;
    case 'ap': {
      const margin = Math.abs(Date.now() - range.lo) * 0.1;
      return `(${tLo} < ${add(iso(range.hi + margin))}::timestamptz AND ${tHi} > ${add(iso(range.lo - margin))}::timestamptz)`;
    }
  }
}

/** A stored FHIR date/dateTime element as the range its own precision spans (dates without a zone as UTC). */
export function elementRange(path: readonly string[]): { tLo: string; tHi: string } {
  const v = `(body #>> '{${path.join(',')}}')`;
  const tLo = `(CASE length(${v}) WHEN 4 THEN (${v} || '-01-01T00:00:00Z') WHEN 7 THEN (${v} || '-01T00:00:00Z') WHEN 10 THEN (${v} || 'T00:00:00Z') ELSE ${v} END)::timestamptz`;
  const tHi = `(${tLo} + CASE length(${v}) WHEN 4 THEN interval '1 year' WHEN 7 THEN interval '1 month' WHEN 10 THEN interval '1 day' ELSE interval '1 millisecond' END)`;
  return { tLo, tHi };
}

export const lastUpdatedRange = { tLo: 'last_updated', tHi: "(last_updated + interval '1 millisecond')" };
