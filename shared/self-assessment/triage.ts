import { z } from 'zod';
import { type UrgencyClass, urgencyRank } from '../care-guarantee/urgency';
import type { QuestionnaireId } from '../fhir/self-assessment';
import { type Condition, type QuestionnaireDef, type RedFlagAdvice, questionnaires } from './questionnaires';

export type AnswerValue = boolean | string | number;
export type Answers = Readonly<Record<string, AnswerValue>>;

export interface Triage {
  urgency: UrgencyClass;
  /** Every rule that matched, most urgent first: the professional sees why. */
  reasons: string[];
  redFlag: RedFlagAdvice | null;
}

const numeric = (v: AnswerValue | undefined): number | null =>
  typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;

function holds(c: Condition, answers: Answers): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, answers));
  if ('any' in c) return c.any.some((x) => holds(x, answers));
  if ('sumOf' in c) return c.sumOf.reduce((sum, id) => sum + (numeric(answers[id]) ?? 0), 0) >= c.atLeast;
  if ('is' in c) return answers[c.linkId] === c.is;
  const n = numeric(answers[c.linkId]);
  return n !== null && n >= c.atLeast;
}

/** The most urgent matching rule decides; a red flag anywhere wins the advice. */
export function triage(def: QuestionnaireDef, answers: Answers): Triage {
  const matched = def.rules
    .filter((r) => holds(r.when, answers))
    .sort((a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency));
  return {
    urgency: matched[0]?.urgency ?? def.baseline,
    reasons: matched.map((r) => r.id),
    redFlag: matched.find((r) => r.redFlag)?.redFlag ?? null,
  };
}

/**
 * The answers a resident may send for one questionnaire: yes/no and choices required, numbers
 * optional (not everyone has a thermometer) but within range. Anything else is rejected whole.
 */
export function answersSchema(def: QuestionnaireDef) {
  const shape: Record<string, z.ZodType<AnswerValue | undefined>> = {};
  for (const q of def.questions) {
    if (q.type === 'boolean') shape[q.linkId] = z.boolean();
    else if (q.type === 'choice') shape[q.linkId] = z.enum(q.options as [string, ...string[]]);
    else {
      const base = z.number().min(q.min).max(q.max);
      shape[q.linkId] = (q.type === 'integer' ? base.int() : base).optional();
    }
  }
  return z.strictObject(shape);
}

export function parseAnswers(
  id: QuestionnaireId,
  input: unknown,
): { ok: true; answers: Answers } | { ok: false; error: string } {
  const parsed = answersSchema(questionnaires[id]).safeParse(input);
  if (parsed.success)
    return {
      ok: true,
      answers: Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Answers,
    };
  return {
    ok: false,
    error: parsed.error.issues.map((i) => `${i.path.join('.') || 'answers'}: ${i.message}`).join('; '),
  };
}
