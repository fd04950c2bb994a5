import type { UrgencyClass } from '../care-guarantee/urgency';
import type { QuestionnaireId } from '../fhir/self-assessment';
import type { Theme } from '../queue/task-conventions';

/**
 * The Omaolo-style self-assessments as data: questions, and the rules that turn answers into an
 * urgency class and red flags. Texts live in the resident catalogs under the linkId, so the rules
 * stay one table per questionnaire, tested case by case (triage.test.ts).
 */
export type Question =
  | { linkId: string; type: 'boolean' }
  | { linkId: string; type: 'choice'; options: readonly string[] }
  | { linkId: string; type: 'decimal' | 'integer'; min: number; max: number; unit?: string };

export type Condition =
  | { linkId: string; is: boolean | string }
  | { linkId: string; atLeast: number }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { sumOf: readonly string[]; atLeast: number };

/** A red flag means: tell the resident what to do now, on screen, before anything else. */
export type RedFlagAdvice = 'call-112' | 'crisis-line';

export interface TriageRule {
  /** Names the clinical reason; shown to the professional and used in the tests. */
  id: string;
  when: Condition;
  urgency: UrgencyClass;
  redFlag?: RedFlagAdvice;
}

export interface QuestionnaireDef {
  id: QuestionnaireId;
  version: string;
  theme: Theme;
  questions: readonly Question[];
  rules: readonly TriageRule[];
  /** The class when no rule matches. */
  baseline: UrgencyClass;
}

const yesNo = (linkId: string): Question => ({ linkId, type: 'boolean' });
const phqOptions = ['0', '1', '2', '3'] as const;
const phqItems = [
  'interest',
  'down',
  'sleep',
  'tired',
  'appetite',
  'failure',
  'concentration',
  'slowness',
  'self-harm',
] as const;

export const respiratory: QuestionnaireDef = {
  id: 'respiratory-infection',
  version: '2026-11',
  theme: 'general',
  questions: [
    yesNo('breathing-difficulty'),
    yesNo('confusion'),
    yesNo('chest-pain'),
    { linkId: 'temperature', type: 'decimal', min: 34, max: 43, unit: '°C' },
    { linkId: 'fever-days', type: 'integer', min: 0, max: 60 },
    yesNo('cough'),
    yesNo('sore-throat'),
    yesNo('risk-group'),
  ],
  rules: [
    {
      id: 'breathing-difficulty',
      when: { linkId: 'breathing-difficulty', is: true },
      urgency: 'P0',
      redFlag: 'call-112',
    },
    { id: 'confusion', when: { linkId: 'confusion', is: true }, urgency: 'P0', redFlag: 'call-112' },
    { id: 'chest-pain', when: { linkId: 'chest-pain', is: true }, urgency: 'P1', redFlag: 'call-112' },
    { id: 'high-fever', when: { linkId: 'temperature', atLeast: 40 }, urgency: 'P2' },
    {
      id: 'fever-in-risk-group',
      when: {
        all: [
          { linkId: 'risk-group', is: true },
          { linkId: 'temperature', atLeast: 38 },
        ],
      },
      urgency: 'P2',
    },
    {
      id: 'long-fever',
      when: {
        all: [
          { linkId: 'fever-days', atLeast: 4 },
          { linkId: 'temperature', atLeast: 37.5 },
        ],
      },
      urgency: 'P3',
    },
    { id: 'fever', when: { linkId: 'temperature', atLeast: 38 }, urgency: 'P5' },
  ],
  baseline: 'P7',
};

export const urinaryTract: QuestionnaireDef = {
  id: 'urinary-tract-infection',
  version: '2026-11',
  theme: 'general',
  questions: [
    yesNo('flank-pain'),
    { linkId: 'temperature', type: 'decimal', min: 34, max: 43, unit: '°C' },
    yesNo('pregnant'),
    yesNo('male'),
    yesNo('blood-in-urine'),
    yesNo('painful-urination'),
    { linkId: 'symptom-days', type: 'integer', min: 0, max: 60 },
    yesNo('recurring'),
  ],
  rules: [
    {
      id: 'pyelonephritis-signs',
      when: {
        all: [
          { linkId: 'flank-pain', is: true },
          { linkId: 'temperature', atLeast: 38 },
        ],
      },
      urgency: 'P2',
    },
    { id: 'flank-pain', when: { linkId: 'flank-pain', is: true }, urgency: 'P3' },
    { id: 'fever', when: { linkId: 'temperature', atLeast: 38 }, urgency: 'P3' },
    { id: 'pregnancy', when: { linkId: 'pregnant', is: true }, urgency: 'P3' },
    { id: 'male-uti', when: { linkId: 'male', is: true }, urgency: 'P4' },
    { id: 'haematuria', when: { linkId: 'blood-in-urine', is: true }, urgency: 'P4' },
    { id: 'prolonged', when: { linkId: 'symptom-days', atLeast: 7 }, urgency: 'P4' },
    { id: 'recurring', when: { linkId: 'recurring', is: true }, urgency: 'P5' },
    { id: 'uncomplicated-cystitis', when: { linkId: 'painful-urination', is: true }, urgency: 'P6' },
  ],
  baseline: 'P7',
};

/** PHQ-9: nine items scored 0–3; item 9 (thoughts of self-harm) is a red flag on its own. */
export const mentalWellbeing: QuestionnaireDef = {
  id: 'mental-wellbeing',
  version: '2026-11',
  theme: 'mental-health',
  questions: phqItems.map((linkId) => ({ linkId, type: 'choice', options: phqOptions })),
  rules: [
    { id: 'self-harm-often', when: { linkId: 'self-harm', atLeast: 2 }, urgency: 'P0', redFlag: 'call-112' },
    { id: 'self-harm', when: { linkId: 'self-harm', atLeast: 1 }, urgency: 'P1', redFlag: 'crisis-line' },
    { id: 'phq9-severe', when: { sumOf: phqItems, atLeast: 20 }, urgency: 'P2' },
    { id: 'phq9-moderately-severe', when: { sumOf: phqItems, atLeast: 15 }, urgency: 'P3' },
    { id: 'phq9-moderate', when: { sumOf: phqItems, atLeast: 10 }, urgency: 'P4' },
    { id: 'phq9-mild', when: { sumOf: phqItems, atLeast: 5 }, urgency: 'P6' },
  ],
  baseline: 'P8',
};

export const questionnaires: Record<QuestionnaireId, QuestionnaireDef> = {
  'respiratory-infection': respiratory,
  'urinary-tract-infection': urinaryTract,
  'mental-wellbeing': mentalWellbeing,
};
