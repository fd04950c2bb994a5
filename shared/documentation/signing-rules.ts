import { addDays } from 'date-fns';
import { ruleFor, treatmentDeadline } from '../care-guarantee/deadlines';
import type { ServiceType } from '../care-guarantee/rules';
import { type Blocker, type DraftContext, type FieldName, thlContactType } from './draft';
import { flows, steps } from './steps';

const isSet = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/** Oral health care (Avohilmo T30) has its own care-guarantee periods; everything else is primary care. */
const careGuaranteeService = (avohilmoServiceType: string | undefined): ServiceType =>
  avohilmoServiceType === 'T30' ? 'oral' : 'primary';

/** The latest date non-urgent care may be given, by the rule of the contact's date. */
function careGuaranteeLimit(ctx: DraftContext, assessedAt: string): Date | null {
  try {
    // Unknown birth date: judge by the strictest period (under 23).
    const serviceType = careGuaranteeService(ctx.fields.serviceType);
    return treatmentDeadline(
      { contactAt: ctx.contactAt, birthDate: ctx.residentBirthDate ?? ctx.contactAt.slice(0, 10), serviceType },
      assessedAt,
    );
  } catch {
    return null;
  }
}

/** When the next step is due, from the plan: what the care-guarantee record reports. */
export function nextStepDeadline(ctx: DraftContext): string | null {
  const f = ctx.fields;
  if (!ctx.assessedAt || !f.planKind) return null;
  switch (f.planKind) {
    case 'emergency':
      return ctx.assessedAt;
    case 'appointment':
      return f.planWithinDays === undefined ? null : addDays(new Date(ctx.assessedAt), f.planWithinDays).toISOString();
    case 'doctor-referral':
    case 'social-care-referral':
      return careGuaranteeLimit(ctx, ctx.assessedAt)?.toISOString() ?? null;
    case 'self-care':
      return null;
  }
}

/**
 * Everything that stops this draft from being signed, each with the rule it breaks. Empty means
 * signable: every required field of every step of the flow, and the care-guarantee record.
 */
export function signingBlockers(ctx: DraftContext): Blocker[] {
  // Contexts are immutable snapshots, and each SIGN consults several guards: compute once.
  let found = computed.get(ctx);
  if (!found) computed.set(ctx, (found = computeBlockers(ctx)));
  return [...found];
}

const computed = new WeakMap<DraftContext, readonly Blocker[]>();

function computeBlockers(ctx: DraftContext): Blocker[] {
  const f = ctx.fields;
  const blockers: Blocker[] = [];
  for (const step of flows[ctx.kind].steps) {
    for (const field of steps[step].required(f)) if (!isSet(f[field])) blockers.push({ field, rule: 'required' });
  }
  const has = (field: FieldName) => blockers.some((b) => b.field === field);
  if (f.phq9 !== undefined && (f.phq9 < 0 || f.phq9 > 27)) blockers.push({ field: 'phq9', rule: 'phq9OutOfRange' });
  if (f.planKind === 'appointment' && f.planWithinDays !== undefined) {
    if (f.planWithinDays < 0 || f.planWithinDays > 366)
      blockers.push({ field: 'planWithinDays', rule: 'daysOutOfRange' });
    else if (ctx.assessedAt) {
      const limit = careGuaranteeLimit(ctx, ctx.assessedAt);
      const due = addDays(new Date(ctx.assessedAt), f.planWithinDays);
      if (limit && due > limit) blockers.push({ field: 'planWithinDays', rule: 'planBeyondCareGuarantee' });
    }
  }
  if (f.planKind === 'emergency' && f.urgency && f.urgency !== 'P0' && f.urgency !== 'P1')
    blockers.push({ field: 'urgency', rule: 'emergencyNeedsUrgentClass' });
  if (f.planKind === 'self-care' && f.careGivenInSameContact === false)
    blockers.push({ field: 'careGivenInSameContact', rule: 'selfCareMeansCareGiven' });
  if (!ctx.assessedAt && !has('urgency')) blockers.push({ field: 'assessedAt', rule: 'required' });
  if (f.planKind && f.planKind !== 'self-care' && !nextStepDeadline(ctx) && !has('planWithinDays'))
    blockers.push({ field: 'nextStepDeadline', rule: 'required' });
  return blockers;
}

/** The national real-time care-guarantee monitoring record, filled by the flow (never typed). */
export interface CareGuaranteeRecord {
  contactAt: string;
  assessedAt: string;
  professionalGroup: string;
  urgency: string;
  contactMode: string;
  thlContactType: string;
  serviceType: string;
  reasonCode: string;
  careGivenInSameContact: boolean;
  nextStepDeadline: string | null;
  ruleVersion: string;
}

/** The record of a signable draft; null while anything is missing (signingBlockers says what). */
export function careGuaranteeRecord(ctx: DraftContext): CareGuaranteeRecord | null {
  const f = ctx.fields;
  if (
    signingBlockers(ctx).length > 0 ||
    !ctx.assessedAt ||
    !f.urgency ||
    !f.contactMode ||
    !f.serviceType ||
    !f.reasonCode ||
    f.careGivenInSameContact === undefined
  )
    return null;
  let ruleVersion = 'unknown';
  try {
    // The rule in force on the Finnish date of the contact (an evening contact in UTC is the next day here).
    ruleVersion = ruleFor(ctx.contactAt).id;
  } catch {
    // A contact before any rule in the table: recorded as such rather than refused.
  }
  return {
    contactAt: ctx.contactAt,
    assessedAt: ctx.assessedAt,
    professionalGroup: ctx.author.profession,
    urgency: f.urgency,
    contactMode: f.contactMode,
    thlContactType: thlContactType[f.contactMode].code,
    serviceType: f.serviceType,
    reasonCode: f.reasonCode,
    careGivenInSameContact: f.careGivenInSameContact,
    nextStepDeadline: nextStepDeadline(ctx),
    ruleVersion,
  };
}
