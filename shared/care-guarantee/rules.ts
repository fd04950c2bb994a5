/**
 * Care-guarantee rules (Health Care Act 1326/2010, 51 § and 51 a §) as a versioned table keyed on
 * the date of contact: the law changed three times in two years, and a contact is always judged
 * by the rule in force on its own date. Change the law here, never in code.
 */
export type ServiceType = 'primary' | 'oral';

export interface TreatmentPeriod {
  serviceType: ServiceType;
  /** Inclusive age bounds at the date of contact. */
  minAge?: number;
  maxAge?: number;
  days?: number;
  months?: number;
}

export interface CareGuaranteeRule {
  id: string;
  /** First and last contact date (Finnish calendar) the rule applies to. */
  validFrom: string;
  validTo: string | null;
  /** When the individual assessment of care need must be done. */
  assessment: { kind: 'same-day'; officeHours: { start: number; end: number } } | { kind: 'working-days'; days: number };
  /** Non-urgent care after the assessment. */
  treatment: readonly TreatmentPeriod[];
  source: string;
}

export const careGuaranteeRules: readonly CareGuaranteeRule[] = [
  {
    id: 'hcl-2011',
    validFrom: '2011-05-01',
    validTo: '2023-08-31',
    assessment: { kind: 'working-days', days: 3 },
    treatment: [
      { serviceType: 'primary', months: 3 },
      { serviceType: 'oral', months: 6 },
    ],
    source: 'Terveydenhuoltolaki 1326/2010 51 § (alkuperäinen): arvio 3 arkipäivässä, hoito 3 kk (suun th. enintään 6 kk)',
  },
  {
    id: 'hcl-2023-09',
    validFrom: '2023-09-01',
    validTo: '2024-12-31',
    assessment: { kind: 'same-day', officeHours: { start: 8, end: 16 } },
    treatment: [
      { serviceType: 'primary', days: 14 },
      { serviceType: 'oral', days: 14 },
    ],
    source: 'Laki 1326/2010 51 § muutos voimaan 1.9.2023: arvio samana päivänä, hoito 14 vrk kaikille',
  },
  {
    id: 'hcl-2025-01',
    validFrom: '2025-01-01',
    validTo: null,
    assessment: { kind: 'same-day', officeHours: { start: 8, end: 16 } },
    treatment: [
      { serviceType: 'primary', maxAge: 22, days: 14 },
      { serviceType: 'oral', maxAge: 22, days: 14 },
      { serviceType: 'primary', minAge: 23, months: 3 },
      { serviceType: 'oral', minAge: 23, months: 6 },
    ],
    source: 'Laki 1326/2010 51 § muutos voimaan 1.1.2025: alle 23-vuotiaat 14 vrk, 23 vuotta täyttäneet 3 kk (suun th. 6 kk)',
  },
];

/** The seed programme's own target: 80% of non-urgent care within 7 days of contact. */
export const regionalTargetDays = 7;
