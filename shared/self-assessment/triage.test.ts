import { describe, expect, it } from 'vitest';
import { type QuestionnaireDef, mentalWellbeing, respiratory, urinaryTract } from './questionnaires';
import { type Answers, parseAnswers, triage } from './triage';

const noRespiratory = {
  'breathing-difficulty': false,
  confusion: false,
  'chest-pain': false,
  cough: false,
  'sore-throat': false,
  'risk-group': false,
};
const noUrinary = {
  'flank-pain': false,
  pregnant: false,
  male: false,
  'blood-in-urine': false,
  'painful-urination': false,
  recurring: false,
};
const phq = (scores: number[]): Answers =>
  Object.fromEntries(mentalWellbeing.questions.map((q, i) => [q.linkId, String(scores[i] ?? 0)]));

type Case = [name: string, def: QuestionnaireDef, answers: Answers, urgency: string, redFlag: string | null];

// Each row is one clinical situation and what the resident and the queue must get from it.
const cases: Case[] = [
  ['resp: nothing alarming, no fever', respiratory, { ...noRespiratory, cough: true, temperature: 37.2 }, 'P7', null],
  ['resp: difficulty breathing', respiratory, { ...noRespiratory, 'breathing-difficulty': true }, 'P0', 'call-112'],
  ['resp: confused or drowsy', respiratory, { ...noRespiratory, confusion: true, temperature: 38.5 }, 'P0', 'call-112'],
  ['resp: chest pain', respiratory, { ...noRespiratory, 'chest-pain': true }, 'P1', 'call-112'],
  [
    'resp: breathing difficulty beats chest pain',
    respiratory,
    { ...noRespiratory, 'chest-pain': true, 'breathing-difficulty': true },
    'P0',
    'call-112',
  ],
  ['resp: 40.0 °C', respiratory, { ...noRespiratory, temperature: 40 }, 'P2', null],
  ['resp: 39.9 °C, not in a risk group', respiratory, { ...noRespiratory, temperature: 39.9 }, 'P5', null],
  ['resp: 38.0 °C in a risk group', respiratory, { ...noRespiratory, 'risk-group': true, temperature: 38 }, 'P2', null],
  [
    'resp: 37.9 °C in a risk group',
    respiratory,
    { ...noRespiratory, 'risk-group': true, temperature: 37.9 },
    'P7',
    null,
  ],
  ['resp: risk group, temperature not measured', respiratory, { ...noRespiratory, 'risk-group': true }, 'P7', null],
  ['resp: fever on day 4', respiratory, { ...noRespiratory, temperature: 38.2, 'fever-days': 4 }, 'P3', null],
  ['resp: fever on day 3', respiratory, { ...noRespiratory, temperature: 38.2, 'fever-days': 3 }, 'P5', null],
  ['resp: 4 days but no fever now', respiratory, { ...noRespiratory, temperature: 37.0, 'fever-days': 5 }, 'P7', null],
  [
    'uti: painful urination only',
    urinaryTract,
    { ...noUrinary, 'painful-urination': true, 'symptom-days': 2 },
    'P6',
    null,
  ],
  ['uti: no symptoms that matter', urinaryTract, { ...noUrinary }, 'P7', null],
  ['uti: flank pain and fever', urinaryTract, { ...noUrinary, 'flank-pain': true, temperature: 38.6 }, 'P2', null],
  ['uti: flank pain without fever', urinaryTract, { ...noUrinary, 'flank-pain': true, temperature: 37 }, 'P3', null],
  [
    'uti: fever without flank pain',
    urinaryTract,
    { ...noUrinary, 'painful-urination': true, temperature: 38.1 },
    'P3',
    null,
  ],
  ['uti: pregnant', urinaryTract, { ...noUrinary, pregnant: true, 'painful-urination': true }, 'P3', null],
  ['uti: man with symptoms', urinaryTract, { ...noUrinary, male: true, 'painful-urination': true }, 'P4', null],
  ['uti: blood in urine', urinaryTract, { ...noUrinary, 'blood-in-urine': true }, 'P4', null],
  [
    'uti: symptoms for a week',
    urinaryTract,
    { ...noUrinary, 'painful-urination': true, 'symptom-days': 7 },
    'P4',
    null,
  ],
  [
    'uti: symptoms for six days',
    urinaryTract,
    { ...noUrinary, 'painful-urination': true, 'symptom-days': 6 },
    'P6',
    null,
  ],
  ['uti: recurring', urinaryTract, { ...noUrinary, 'painful-urination': true, recurring: true }, 'P5', null],
  ['phq9: score 0', mentalWellbeing, phq([0, 0, 0, 0, 0, 0, 0, 0, 0]), 'P8', null],
  ['phq9: score 4', mentalWellbeing, phq([1, 1, 1, 1, 0, 0, 0, 0, 0]), 'P8', null],
  ['phq9: score 5 (mild)', mentalWellbeing, phq([1, 1, 1, 1, 1, 0, 0, 0, 0]), 'P6', null],
  ['phq9: score 10 (moderate)', mentalWellbeing, phq([2, 2, 2, 2, 1, 1, 0, 0, 0]), 'P4', null],
  ['phq9: score 15 (moderately severe)', mentalWellbeing, phq([2, 2, 2, 2, 2, 2, 2, 1, 0]), 'P3', null],
  ['phq9: score 20 (severe)', mentalWellbeing, phq([3, 3, 3, 3, 2, 2, 2, 2, 0]), 'P2', null],
  ['phq9: self-harm thoughts on several days', mentalWellbeing, phq([0, 0, 0, 0, 0, 0, 0, 0, 1]), 'P1', 'crisis-line'],
  [
    'phq9: self-harm thoughts more than half the days',
    mentalWellbeing,
    phq([0, 0, 0, 0, 0, 0, 0, 0, 2]),
    'P0',
    'call-112',
  ],
  [
    'phq9: self-harm nearly every day with a severe score',
    mentalWellbeing,
    phq([3, 3, 3, 3, 3, 3, 3, 3, 3]),
    'P0',
    'call-112',
  ],
];

describe('self-assessment triage rules', () => {
  it.each(cases)('%s', (_name, def, answers, urgency, redFlag) => {
    const parsed = parseAnswers(def.id, answers);
    expect(parsed.ok).toBe(true);
    const result = triage(def, parsed.ok ? parsed.answers : {});
    expect(result.urgency).toBe(urgency);
    expect(result.redFlag).toBe(redFlag);
  });

  it('names every rule that matched, most urgent first', () => {
    const result = triage(respiratory, { ...noRespiratory, 'chest-pain': true, temperature: 40.2 });
    expect(result.reasons).toEqual(['chest-pain', 'high-fever', 'fever']);
  });

  it('rejects answers that are missing, unknown or out of range, naming the question', () => {
    const missing = parseAnswers('respiratory-infection', { ...noRespiratory, cough: undefined });
    expect(missing).toMatchObject({ ok: false, error: expect.stringContaining('cough') });
    expect(parseAnswers('respiratory-infection', { ...noRespiratory, temperature: 55 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('temperature'),
    });
    expect(parseAnswers('respiratory-infection', { ...noRespiratory, shoeSize: 44 })).toMatchObject({ ok: false });
    expect(parseAnswers('mental-wellbeing', { ...phq([]), down: '4' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('down'),
    });
  });
});
