import { describe, expect, it } from 'vitest';
import { inFinland, isoDay } from '../../shared/care-guarantee/calendar';
import {
  ageAt,
  assessmentDeadline,
  queueDeadline,
  regionalTarget,
  ruleFor,
  treatmentDeadline,
} from '../../shared/care-guarantee/deadlines';
import { urgency, urgencyClasses, urgencyRank } from '../../shared/care-guarantee/urgency';

// Hand-made from the Finnish calendar and the law; times are Finnish wall-clock time.
// Winter +02:00 (EET), summer +03:00 (EEST).

/** [why, contact (Finnish time with offset), day by whose end the assessment is due] */
const assessmentCases: [string, string, string][] = [
  ['weekday in office hours', '2024-03-05T10:00:00+02:00', '2024-03-05'],
  ['weekday before office hours', '2024-03-05T07:30:00+02:00', '2024-03-05'],
  ['weekday after office hours', '2024-03-05T16:30:00+02:00', '2024-03-06'],
  ['at 16:00 sharp is after hours', '2024-03-05T16:00:00+02:00', '2024-03-06'],
  ['a minute before 16:00', '2024-03-05T15:59:00+02:00', '2024-03-05'],
  ['Friday evening → Monday', '2024-03-08T17:00:00+02:00', '2024-03-11'],
  ['Saturday → Monday', '2024-03-09T12:00:00+02:00', '2024-03-11'],
  ['Sunday night → Monday', '2024-03-10T23:00:00+02:00', '2024-03-11'],
  ['Maundy Thursday evening → Tuesday after Easter', '2024-03-28T17:00:00+02:00', '2024-04-02'],
  ['Good Friday → Tuesday after Easter', '2024-03-29T10:00:00+02:00', '2024-04-02'],
  ['Easter Sunday → Tuesday', '2024-03-31T10:00:00+03:00', '2024-04-02'],
  ['Easter Monday → Tuesday', '2024-04-01T09:00:00+03:00', '2024-04-02'],
  ['Midsummer: Thursday evening → Monday', '2024-06-20T18:00:00+03:00', '2024-06-24'],
  ['Midsummer Eve → Monday', '2024-06-21T10:00:00+03:00', '2024-06-24'],
  ['Midsummer Day → Monday', '2024-06-22T10:00:00+03:00', '2024-06-24'],
  ['Independence Day (Friday) → Monday', '2024-12-06T10:00:00+02:00', '2024-12-09'],
  ['day before Independence Day, in hours', '2024-12-05T15:00:00+02:00', '2024-12-05'],
  ['day before Independence Day, after hours', '2024-12-05T16:01:00+02:00', '2024-12-09'],
  ['before Christmas, after hours → 27th', '2024-12-23T17:00:00+02:00', '2024-12-27'],
  ['Christmas Eve → 27th', '2024-12-24T10:00:00+02:00', '2024-12-27'],
  ['Christmas Day → 27th', '2024-12-25T10:00:00+02:00', '2024-12-27'],
  ['Boxing Day → 27th', '2024-12-26T10:00:00+02:00', '2024-12-27'],
  ["New Year's Eve is a working day", '2024-12-31T10:00:00+02:00', '2024-12-31'],
  ["New Year's Eve after hours → 2 January", '2024-12-31T17:00:00+02:00', '2025-01-02'],
  ["New Year's Day → 2 January", '2025-01-01T10:00:00+02:00', '2025-01-02'],
  ['Epiphany (Monday) → Tuesday', '2025-01-06T10:00:00+02:00', '2025-01-07'],
  ['Friday before Epiphany, after hours → Tuesday', '2025-01-03T17:00:00+02:00', '2025-01-07'],
  ['eve of May Day → 2 May', '2025-04-30T17:00:00+03:00', '2025-05-02'],
  ['eve of Ascension → Friday', '2025-05-28T18:00:00+03:00', '2025-05-30'],
  ['Midsummer 2025: Thursday after hours → Monday', '2025-06-19T16:30:00+03:00', '2025-06-23'],
  ['Easter 2025: Maundy Thursday night → Tuesday', '2025-04-17T20:00:00+03:00', '2025-04-22'],
  ['Christmas 2025: 23rd after hours → 29th', '2025-12-23T17:00:00+02:00', '2025-12-29'],
  ['Epiphany 2026 (Tuesday)', '2026-01-05T17:00:00+02:00', '2026-01-07'],
  ['Independence Day 2026 on a Sunday', '2026-12-04T17:00:00+02:00', '2026-12-07'],
  ['the new rule starts 1.9.2023 (a Friday)', '2023-09-01T10:00:00+03:00', '2023-09-01'],
  ['old rule: 3 working days after Thursday 31.8.2023', '2023-08-31T10:00:00+03:00', '2023-09-05'],
  ['old rule: the time of day does not matter', '2023-08-31T17:00:00+03:00', '2023-09-05'],
  ['old rule across Midsummer 2023', '2023-06-21T10:00:00+03:00', '2023-06-27'],
  ['old rule across Christmas 2022', '2022-12-22T10:00:00+02:00', '2022-12-28'],
  ['old rule across Easter 2023', '2023-04-05T10:00:00+03:00', '2023-04-12'],
  ['old rule from a Saturday', '2023-08-26T10:00:00+03:00', '2023-08-30'],
];

/** [why, contact, birth date, service, assessed at, treatment due (Finnish time)] */
const treatmentCases: [string, string, string, 'primary' | 'oral', string, string][] = [
  [
    '2023–2024: 14 days for everyone',
    '2024-03-05T09:00:00+02:00',
    '1984-01-01',
    'primary',
    '2024-03-05T10:00:00+02:00',
    '2024-03-19T10:00:00+02:00',
  ],
  [
    '2025: aged 40, 3 months',
    '2025-03-05T09:00:00+02:00',
    '1985-01-01',
    'primary',
    '2025-03-05T10:00:00+02:00',
    '2025-06-05T10:00:00+03:00',
  ],
  [
    '2025: aged 22, 14 days',
    '2025-03-05T09:00:00+02:00',
    '2002-06-01',
    'primary',
    '2025-03-05T10:00:00+02:00',
    '2025-03-19T10:00:00+02:00',
  ],
  [
    '2025: aged 23, 3 months',
    '2025-03-05T09:00:00+02:00',
    '2001-06-01',
    'primary',
    '2025-03-05T10:00:00+02:00',
    '2025-06-05T10:00:00+03:00',
  ],
  [
    '2025: oral health at 40, 6 months',
    '2025-03-05T09:00:00+02:00',
    '1985-01-01',
    'oral',
    '2025-03-05T10:00:00+02:00',
    '2025-09-05T10:00:00+03:00',
  ],
  [
    '2025: oral health at 15, 3 months as before 2025 (HE 134/2024: under-23 rules kept)',
    '2025-03-05T09:00:00+02:00',
    '2010-01-01',
    'oral',
    '2025-03-05T10:00:00+02:00',
    '2025-06-05T10:00:00+03:00',
  ],
  [
    '2025: oral health at 23, 6 months',
    '2025-03-05T09:00:00+02:00',
    '2002-01-01',
    'oral',
    '2025-03-05T10:00:00+02:00',
    '2025-09-05T10:00:00+03:00',
  ],
  [
    'the rule of the contact date, not of the assessment',
    '2024-12-31T14:00:00+02:00',
    '1985-01-01',
    'primary',
    '2025-01-02T09:00:00+02:00',
    '2025-01-16T09:00:00+02:00',
  ],
  [
    'contact just after midnight on 1.1.2025',
    '2025-01-01T00:30:00+02:00',
    '1985-01-01',
    'primary',
    '2025-01-02T09:00:00+02:00',
    '2025-04-02T09:00:00+03:00',
  ],
  [
    'old rule: 3 months',
    '2023-08-31T10:00:00+03:00',
    '1985-01-01',
    'primary',
    '2023-09-04T10:00:00+03:00',
    '2023-12-04T10:00:00+02:00',
  ],
  [
    'old rule: oral health 6 months',
    '2023-05-02T10:00:00+03:00',
    '1985-01-01',
    'oral',
    '2023-05-03T10:00:00+03:00',
    '2023-11-03T10:00:00+02:00',
  ],
  [
    'first day of the 14-day rule',
    '2023-09-01T09:00:00+03:00',
    '1985-01-01',
    'primary',
    '2023-09-01T10:00:00+03:00',
    '2023-09-15T10:00:00+03:00',
  ],
  [
    'turning 23 the day after contact: still 22',
    '2025-03-05T09:00:00+02:00',
    '2002-03-06',
    'primary',
    '2025-03-05T10:00:00+02:00',
    '2025-03-19T10:00:00+02:00',
  ],
  [
    'turning 23 on the day of contact: 23',
    '2025-03-05T09:00:00+02:00',
    '2002-03-05',
    'primary',
    '2025-03-05T10:00:00+02:00',
    '2025-06-05T10:00:00+03:00',
  ],
  [
    'month end: 31 January + 3 months = 30 April',
    '2025-01-31T09:00:00+02:00',
    '1985-01-01',
    'primary',
    '2025-01-31T10:00:00+02:00',
    '2025-04-30T10:00:00+03:00',
  ],
  [
    'across the spring clock change, wall-clock time kept',
    '2025-03-20T09:00:00+02:00',
    '2005-01-01',
    'primary',
    '2025-03-20T10:00:00+02:00',
    '2025-04-03T10:00:00+03:00',
  ],
];

/**
 * Oral health in primary care, checked against the law itself (issue #18), each case with the
 * sentence it follows:
 * - L 1220/2022 (HE 74/2022) 51 §: from 1.9.2023 care within four months of the assessment;
 * - the same act's step: from 1.11.2024 within three months;
 * - HE 134/2024, from 1.1.2025: for residents aged 23 and over back "to the earlier six months",
 *   for children and residents under 23 the rules in force before 2025 are kept (three months).
 * Age counts on the Finnish date of the contact.
 */
const oralCases: [string, string, string, string, string][] = [
  [
    '12.2.2024, aged 53: four months (1.9.2023–)',
    '2024-02-12T09:00:00+02:00',
    '1970-06-01',
    '2024-02-12T10:00:00+02:00',
    '2024-06-12T10:00:00+03:00',
  ],
  [
    '12.11.2024, aged 54: three months (1.11.2024–)',
    '2024-11-12T09:00:00+02:00',
    '1970-06-01',
    '2024-11-12T10:00:00+02:00',
    '2025-02-12T10:00:00+02:00',
  ],
  [
    '3.3.2025, aged 16: three months (under 23, rules before 2025 kept)',
    '2025-03-03T09:00:00+02:00',
    '2008-06-01',
    '2025-03-03T10:00:00+02:00',
    '2025-06-03T10:00:00+03:00',
  ],
  [
    'first day of the four months, 1.9.2023',
    '2023-09-01T09:00:00+03:00',
    '1970-06-01',
    '2023-09-01T10:00:00+03:00',
    '2024-01-01T10:00:00+02:00',
  ],
  [
    'last day of the six months before 1.9.2023 (31.8.2023)',
    '2023-08-31T09:00:00+03:00',
    '1970-06-01',
    '2023-09-01T10:00:00+03:00',
    '2024-03-01T10:00:00+02:00',
  ],
  [
    '31.10.2024 is still four months',
    '2024-10-31T09:00:00+02:00',
    '1970-06-01',
    '2024-10-31T10:00:00+02:00',
    '2025-02-28T10:00:00+02:00',
  ],
  [
    '1.11.2024 is three months',
    '2024-11-01T09:00:00+02:00',
    '1970-06-01',
    '2024-11-01T10:00:00+02:00',
    '2025-02-01T10:00:00+02:00',
  ],
  [
    'contact 31.10.2024 late evening, assessed 1.11.: the contact date decides (four months)',
    '2024-10-31T23:30:00+02:00',
    '1970-06-01',
    '2024-11-01T10:00:00+02:00',
    '2025-03-01T10:00:00+02:00',
  ],
  [
    '31.12.2024, aged 54: three months',
    '2024-12-31T09:00:00+02:00',
    '1970-06-01',
    '2024-12-31T10:00:00+02:00',
    '2025-03-31T10:00:00+03:00',
  ],
  [
    '1.1.2025, aged 54: six months',
    '2025-01-01T09:00:00+02:00',
    '1970-06-01',
    '2025-01-02T10:00:00+02:00',
    '2025-07-02T10:00:00+03:00',
  ],
  [
    '1.1.2025, aged 20: three months',
    '2025-01-01T09:00:00+02:00',
    '2004-06-01',
    '2025-01-02T10:00:00+02:00',
    '2025-04-02T10:00:00+03:00',
  ],
  [
    '2025, aged 22 (23 the next day): three months',
    '2025-03-05T09:00:00+02:00',
    '2002-03-06',
    '2025-03-05T10:00:00+02:00',
    '2025-06-05T10:00:00+03:00',
  ],
  [
    '2025, turning 23 on the contact day: six months',
    '2025-03-05T09:00:00+02:00',
    '2002-03-05',
    '2025-03-05T10:00:00+02:00',
    '2025-09-05T10:00:00+03:00',
  ],
  [
    '2024, aged 19: no age split before 2025 (four months)',
    '2024-03-05T09:00:00+02:00',
    '2004-06-01',
    '2024-03-05T10:00:00+02:00',
    '2024-07-05T10:00:00+03:00',
  ],
];

describe('care-guarantee deadline table', () => {
  it.each(oralCases)('oral health: %s', (_why, contact, birthDate, assessed, due) => {
    expect(treatmentDeadline({ contactAt: contact, birthDate, serviceType: 'oral' }, assessed).getTime()).toBe(
      new Date(due).getTime(),
    );
  });

  it.each(assessmentCases)('assessment: %s', (_why, contact, day) => {
    const deadline = assessmentDeadline(contact);
    expect(isoDay(deadline)).toBe(day);
    // Due by the end of that Finnish day.
    expect([deadline.getHours(), deadline.getMinutes()]).toEqual([23, 59]);
  });

  it.each(treatmentCases)('treatment: %s', (_why, contact, birthDate, serviceType, assessed, due) => {
    expect(treatmentDeadline({ contactAt: contact, birthDate, serviceType }, assessed).getTime()).toBe(
      new Date(due).getTime(),
    );
  });

  it('picks the rule in force on the contact date', () => {
    expect(ruleFor('2023-08-31T23:59:00+03:00').id).toBe('hcl-2011');
    expect(ruleFor('2023-08-31T21:30:00Z').id).toBe('hcl-2023-09'); // already 1.9. in Finland
    expect(ruleFor('2024-10-31T21:59:00Z').id).toBe('hcl-2023-09');
    expect(ruleFor('2024-10-31T22:00:00Z').id).toBe('hcl-2024-11'); // already 1.11. in Finland
    expect(ruleFor('2024-12-31T21:59:00Z').id).toBe('hcl-2024-11');
    expect(ruleFor('2024-12-31T22:00:00Z').id).toBe('hcl-2025-01');
    expect(() => ruleFor('2009-01-01T10:00:00Z')).toThrow(/No care-guarantee rule/);
  });

  it('counts age on the Finnish date', () => {
    expect(ageAt('2002-03-05', '2025-03-04T21:59:00Z')).toBe(22);
    expect(ageAt('2002-03-05', '2025-03-04T22:00:00Z')).toBe(23);
  });

  it('shows the regional 7-day target beside the legal deadline', () => {
    expect(regionalTarget('2025-03-05T10:00:00+02:00').getTime()).toBe(new Date('2025-03-12T10:00:00+02:00').getTime());
  });

  it('the queue counts down to the sooner of the urgency wait and the assessment deadline', () => {
    expect(queueDeadline('2024-03-05T10:00:00+02:00', 'P2').getTime()).toBe(
      new Date('2024-03-05T14:00:00+02:00').getTime(),
    );
    expect(isoDay(inFinland(queueDeadline('2024-03-09T12:00:00+02:00', 'P5')))).toBe('2024-03-11');
    // Saturday P3: 24 h is sooner than Monday's end.
    expect(queueDeadline('2024-03-09T12:00:00+02:00', 'P3').getTime()).toBe(
      new Date('2024-03-10T12:00:00+02:00').getTime(),
    );
  });
});

describe('urgency classes', () => {
  const contact = '2024-03-05T10:00:00+02:00';
  const expected: Record<string, string> = {
    P0: '2024-03-05T10:00:00+02:00',
    P1: '2024-03-05T11:00:00+02:00',
    P2: '2024-03-05T14:00:00+02:00',
    P3: '2024-03-05T23:59:59.999+02:00', // 24 h is later than the same-day assessment
    P4: '2024-03-05T23:59:59.999+02:00',
    P5: '2024-03-05T23:59:59.999+02:00',
    P6: '2024-03-05T23:59:59.999+02:00',
    P7: '2024-03-05T23:59:59.999+02:00',
    P8: '2024-03-05T23:59:59.999+02:00',
  };
  it.each(urgencyClasses.map((c) => [c]))('%s has its deadline and rank', (c) => {
    expect(queueDeadline(contact, c).getTime()).toBe(new Date(expected[c] ?? '').getTime());
    expect(urgencyRank(c)).toBe(Number(c.slice(1)));
    expect(urgency[c].emergency).toBe(c === 'P0' || c === 'P1');
  });
});
