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
  assessment:
    { kind: 'same-day'; officeHours: { start: number; end: number } } | { kind: 'working-days'; days: number };
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
    source:
      'Terveydenhuoltolaki 1326/2010 51 § (alkuperäinen): arvio 3 arkipäivässä, hoito 3 kk (suun th. enintään 6 kk)',
  },
  {
    id: 'hcl-2023-09',
    validFrom: '2023-09-01',
    validTo: '2024-10-31',
    assessment: { kind: 'same-day', officeHours: { start: 8, end: 16 } },
    treatment: [
      { serviceType: 'primary', days: 14 },
      { serviceType: 'oral', months: 4 },
    ],
    source:
      'Terveydenhuoltolaki 1326/2010 51 § sellaisena kuin se on laissa 1220/2022 (HE 74/2022), voimaan 1.9.2023: arvio samana päivänä; perusterveydenhuolto 14 vrk; suun terveydenhuolto 4 kk',
  },
  {
    id: 'hcl-2024-11',
    validFrom: '2024-11-01',
    validTo: '2024-12-31',
    assessment: { kind: 'same-day', officeHours: { start: 8, end: 16 } },
    treatment: [
      { serviceType: 'primary', days: 14 },
      { serviceType: 'oral', months: 3 },
    ],
    source:
      'Terveydenhuoltolaki 1326/2010 51 § sellaisena kuin se on laissa 1220/2022 (HE 74/2022), porrastus voimaan 1.11.2024: perusterveydenhuolto 14 vrk; suun terveydenhuolto 3 kk',
  },
  {
    id: 'hcl-2025-01',
    validFrom: '2025-01-01',
    validTo: null,
    assessment: { kind: 'same-day', officeHours: { start: 8, end: 16 } },
    treatment: [
      { serviceType: 'primary', maxAge: 22, days: 14 },
      { serviceType: 'oral', maxAge: 22, months: 3 },
      { serviceType: 'primary', minAge: 23, months: 3 },
      { serviceType: 'oral', minAge: 23, months: 6 },
    ],
    source:
      'Terveydenhuoltolaki 1326/2010 51 § (HE 134/2024), voimaan 1.1.2025: 23 vuotta täyttäneet perusterveydenhuolto 3 kk, suun terveydenhuolto 6 kk; alle 23-vuotiaat kuten ennen (14 vrk, suun terveydenhuolto 3 kk)',
  },
];

/** The seed programme's own target: 80% of non-urgent care within 7 days of contact. */
export const regionalTargetDays = 7;
