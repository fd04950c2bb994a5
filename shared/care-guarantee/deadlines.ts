import type { TZDate } from '@date-fns/tz';
import { addDays, addMonths, differenceInYears } from 'date-fns';
import { endOfDay, endOfNthWorkingDayAfter, inFinland, isWorkingDay, isoDay, nextWorkingDay } from './calendar';
import { type CareGuaranteeRule, type ServiceType, careGuaranteeRules, regionalTargetDays } from './rules';
import { type UrgencyClass, urgency } from './urgency';

export interface ContactContext {
  contactAt: Date | string;
  birthDate: string;
  serviceType: ServiceType;
}

/** The rule in force on the Finnish calendar date of the contact. */
export function ruleFor(
  contactAt: Date | string,
  rules: readonly CareGuaranteeRule[] = careGuaranteeRules,
): CareGuaranteeRule {
  const day = isoDay(inFinland(contactAt));
  const rule = rules.find((r) => r.validFrom <= day && (r.validTo === null || day <= r.validTo));
  if (!rule) throw new Error(`No care-guarantee rule covers contacts on ${day}`);
  return rule;
}

/** Age in whole years on the Finnish calendar date of `at` (a birthday counts from its morning). */
export const ageAt = (birthDate: string, at: Date | string): number =>
  differenceInYears(new Date(`${hourOf(epochMs(at)).day}T00:00:00Z`), new Date(`${birthDate}T00:00:00Z`));

/**
 * By when the individual assessment of care need must be done. Since 1.9.2023: a contact on a
 * working day before office hours end is assessed that day; otherwise on the next working day.
 * Before that: within three working days after the day of contact.
 */
export function assessmentDeadline(contactAt: Date | string): TZDate {
  const rule = ruleFor(contactAt);
  const at = inFinland(contactAt);
  if (rule.assessment.kind === 'working-days') return endOfNthWorkingDayAfter(at, rule.assessment.days);
  const withinDay = isWorkingDay(at) && at.getHours() < rule.assessment.officeHours.end;
  return endOfDay(withinDay ? at : nextWorkingDay(at));
}

/** By when non-urgent care must be given, counted from the assessment; the rule is the contact's. */
export function treatmentDeadline(context: ContactContext, assessedAt: Date | string): TZDate {
  const rule = ruleFor(context.contactAt);
  const age = ageAt(context.birthDate, context.contactAt);
  const period = rule.treatment.find(
    (p) =>
      p.serviceType === context.serviceType &&
      (p.minAge === undefined || age >= p.minAge) &&
      (p.maxAge === undefined || age <= p.maxAge),
  );
  if (!period) throw new Error(`Rule ${rule.id} has no period for ${context.serviceType} at age ${age}`);
  const from = inFinland(assessedAt);
  return period.months ? addMonths(from, period.months) : addDays(from, period.days ?? 0);
}

/** The region's own 7-day target, shown beside the legal deadline. */
export const regionalTarget = (contactAt: Date | string): TZDate => addDays(inFinland(contactAt), regionalTargetDays);

/*
 * Time-zone arithmetic (Intl under @date-fns/tz) cost ~50 µs per contact: 5 s of a 100,000-item
 * cold sync. Both answers below depend only on the Finnish date and hour of the contact, and
 * Finland's offsets are whole hours, so they are computed once per UTC hour and reused. Keyed by
 * the hour's number (a small integer, cheap to hash) with the legal deadline also kept as text:
 * most contacts of an hour share it, so indexing them formats no date at all.
 */
const hourMs = 3_600_000;
interface Hour {
  /** The Finnish calendar date (YYYY-MM-DD) of the whole hour. */
  day: string;
  legal: number;
  legalIso: string;
  regional: number;
}
const perHour = new Map<number, Hour>();

function epochMs(at: Date | string): number {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not a time: ${String(at)}`);
  return ms;
}

function hourOf(ms: number): Hour {
  const hour = Math.floor(ms / hourMs);
  let found = perHour.get(hour);
  if (!found) {
    if (perHour.size > 100_000) perHour.clear();
    const start = new Date(hour * hourMs);
    const legal = assessmentDeadline(start).getTime();
    found = {
      day: isoDay(inFinland(start)),
      legal,
      legalIso: new Date(legal).toISOString(),
      regional: regionalTarget(start).getTime(),
    };
    perHour.set(hour, found);
  }
  return found;
}

/** regionalTarget as epoch milliseconds, memoized by hour (for indexing many contacts). */
export const regionalTargetMs = (contactAt: Date | string): number => {
  const ms = epochMs(contactAt);
  return hourOf(ms).regional + (ms - Math.floor(ms / hourMs) * hourMs);
};

/** The deadline a queue item counts down to: the sooner of its urgency's wait and the assessment deadline. */
export const queueDeadline = (contactAt: Date | string, urgencyClass: UrgencyClass): Date =>
  new Date(queueDeadlineIso(contactAt, urgencyClass));

/** queueDeadline as a UTC ISO string (which sorts as time), the form the queue index stores. */
export function queueDeadlineIso(contactAt: Date | string, urgencyClass: UrgencyClass): string {
  const ms = epochMs(contactAt);
  const hour = hourOf(ms);
  const wait = urgency[urgencyClass].maxWaitMinutes;
  if (wait === null || ms + wait * 60_000 >= hour.legal) return hour.legalIso;
  return new Date(ms + wait * 60_000).toISOString();
}
