import { describe, expect, it } from 'vitest';
import type { DraftContext, DraftFields } from './draft';
import { careGuaranteeRecord, nextStepDeadline, signingBlockers } from './signing-rules';

const nurse = { id: 'staff-nurse-aino', name: 'Aino Virtanen', profession: 'nurse' as const };
const complete: DraftFields = {
  reasonText: 'Hammassärky',
  reasonCode: 'D82',
  history: 'Särkyä viikon ajan',
  currentState: 'Ei turvotusta',
  urgency: 'P5',
  assessmentText: 'Ei kiireellinen',
  planKind: 'doctor-referral',
  careGivenInSameContact: false,
  planText: 'Hammaslääkärin vastaanotto',
  followUp: 'Ottaa yhteyttä jos pahenee',
  contactMode: 'message',
  serviceType: 'T30',
};
const instant = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const context = (contactAt: string, assessedAt: string, birthDate: string, fields: DraftFields = {}): DraftContext => ({
  kind: 'care-need-assessment',
  taskId: 't1',
  residentId: 'r1',
  residentBirthDate: birthDate,
  contactAt,
  author: nurse,
  startedAt: contactAt,
  fields: { ...complete, ...fields },
  assessedAt,
  history: [],
  cosign: null,
  signed: null,
  blockedBy: [],
});

describe('the care-guarantee record of an oral-health contact (issue #18)', () => {
  it('a referral from a 54-year-old on 12.11.2024 is due in three months, by the rule of 1.11.2024', () => {
    const ctx = context('2024-11-12T07:00:00.000Z', '2024-11-12T08:00:00.000Z', '1970-06-01');
    expect(signingBlockers(ctx)).toEqual([]);
    expect(instant(nextStepDeadline(ctx))).toBe(Date.parse('2025-02-12T10:00:00+02:00'));
    expect(careGuaranteeRecord(ctx)?.ruleVersion).toBe('hcl-2024-11');
  });

  it('the same referral in primary care is due in 14 days', () => {
    const ctx = context('2024-11-12T07:00:00.000Z', '2024-11-12T08:00:00.000Z', '1970-06-01', { serviceType: 'T11' });
    expect(instant(nextStepDeadline(ctx))).toBe(Date.parse('2024-11-26T10:00:00+02:00'));
  });

  it('an appointment in four months fits oral health from 2025 at 40 (six months), not under 23 (three)', () => {
    const plan: DraftFields = { planKind: 'appointment', planWithinDays: 120 };
    expect(
      signingBlockers(context('2025-03-05T07:00:00.000Z', '2025-03-05T08:00:00.000Z', '1985-01-01', plan)),
    ).toEqual([]);
    expect(
      signingBlockers(context('2025-03-05T07:00:00.000Z', '2025-03-05T08:00:00.000Z', '2010-01-01', plan)),
    ).toEqual([{ field: 'planWithinDays', rule: 'planBeyondCareGuarantee' }]);
  });

  it('records the rule of the Finnish contact date: 23:30 on 31.10.2024 in Finland is still the four-month rule', () => {
    expect(
      careGuaranteeRecord(context('2024-10-31T21:30:00.000Z', '2024-11-01T08:00:00.000Z', '1970-06-01'))?.ruleVersion,
    ).toBe('hcl-2023-09');
    expect(
      careGuaranteeRecord(context('2024-10-31T22:30:00.000Z', '2024-11-01T08:00:00.000Z', '1970-06-01'))?.ruleVersion,
    ).toBe('hcl-2024-11');
  });
});
