import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { z } from 'zod';

/** The Omaolo-style symptom self-assessments, by canonical URL. */
export const questionnaireIds = ['respiratory-infection', 'urinary-tract-infection', 'mental-wellbeing'] as const;
export type QuestionnaireId = (typeof questionnaireIds)[number];
export const questionnaireUrl = (id: QuestionnaireId) => `urn:kaari:questionnaire:${id}`;

export function questionnaireOf(qr: QuestionnaireResponse): QuestionnaireId | null {
  const id = qr.questionnaire?.replace(/^urn:kaari:questionnaire:/, '');
  return (questionnaireIds as readonly string[]).includes(id ?? '') ? (id as QuestionnaireId) : null;
}

/** The answers as one line, "question: answer; …", so nobody asks again what was answered. */
export function answersSummary(qr: QuestionnaireResponse, max = 300): string {
  const parts = (qr.item ?? []).map((item) => {
    const answers = (item.answer ?? [])
      .map(
        (a) =>
          a.valueString ??
          a.valueCoding?.display ??
          a.valueCoding?.code ??
          (a.valueBoolean === undefined ? (a.valueInteger ?? a.valueDecimal) : a.valueBoolean ? '✓' : '✗'),
      )
      .filter((a) => a !== undefined);
    return `${item.text ?? item.linkId}: ${answers.join(', ')}`;
  });
  const text = parts.join('; ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One answered question as data: its id, its stored (Finnish) wording and the answer's value or code. */
export const AnsweredQuestion = z.object({
  linkId: z.string(),
  text: z.string(),
  value: z.union([z.boolean(), z.number(), z.string()]),
});
export type AnsweredQuestion = z.infer<typeof AnsweredQuestion>;

/**
 * The answers as data, so each viewer reads them in her own language (the record stores
 * Finnish): booleans, numbers and choice codes, not words.
 */
export function answeredQuestions(qr: QuestionnaireResponse): AnsweredQuestion[] {
  return (qr.item ?? []).flatMap((item) => {
    const a = item.answer?.[0];
    const value = a?.valueBoolean ?? a?.valueInteger ?? a?.valueDecimal ?? a?.valueCoding?.code ?? a?.valueString;
    return value === undefined ? [] : [{ linkId: item.linkId, text: item.text ?? item.linkId, value }];
  });
}
