import type { Questionnaire, QuestionnaireResponse, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { questionnaireUrl } from '../fhir/self-assessment';
import { fi } from '../i18n/resident/fi';
import type { QuestionnaireDef } from './questionnaires';
import type { AnswerValue, Answers, Triage } from './triage';

/**
 * The FHIR side of a self-assessment. Texts are written in Finnish, the county's working
 * language, so every professional reads the same record; the resident's own language is kept
 * in QuestionnaireResponse.language. The triage result travels as extensions.
 */
export const triageExtension = {
  urgency: 'urn:kaari:fhir:triage-urgency',
  reason: 'urn:kaari:fhir:triage-reason',
  redFlag: 'urn:kaari:fhir:red-flag',
} as const;
const answerSystem = 'urn:kaari:self-assessment-answer';
const questionText = (linkId: string) => (fi.questionnaire.questions as Record<string, string>)[linkId] ?? linkId;

export function questionnaireResource(def: QuestionnaireDef): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    id: def.id,
    url: questionnaireUrl(def.id),
    version: def.version,
    status: 'active',
    title: (fi.questionnaire as Record<string, unknown>)[def.id] as string,
    item: def.questions.map((q) => ({
      linkId: q.linkId,
      text: questionText(q.linkId),
      type: q.type,
      required: q.type === 'boolean' || q.type === 'choice',
      ...(q.type === 'choice'
        ? {
            answerOption: q.options.map((code) => ({
              valueCoding: { system: answerSystem, code, display: fi.questionnaire.phq[code as '0'] ?? code },
            })),
          }
        : {}),
    })),
  };
}

function answer(def: QuestionnaireDef, linkId: string, value: AnswerValue): QuestionnaireResponseItemAnswer {
  const q = def.questions.find((x) => x.linkId === linkId);
  if (q?.type === 'boolean') return { valueBoolean: value === true };
  if (q?.type === 'choice')
    return {
      valueCoding: {
        system: answerSystem,
        code: String(value),
        display: fi.questionnaire.phq[String(value) as '0'] ?? String(value),
      },
    };
  if (q?.type === 'integer') return { valueInteger: Number(value) };
  return { valueDecimal: Number(value) };
}

export function responseResource(
  def: QuestionnaireDef,
  answers: Answers,
  input: { id: string; patientId: string; language: string; authored: string; triage: Triage },
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    id: input.id,
    status: 'completed',
    questionnaire: questionnaireUrl(def.id),
    language: input.language,
    subject: { reference: `Patient/${input.patientId}` },
    source: { reference: `Patient/${input.patientId}` },
    authored: input.authored,
    extension: [
      { url: triageExtension.urgency, valueCode: input.triage.urgency },
      ...input.triage.reasons.map((r) => ({ url: triageExtension.reason, valueCode: r })),
      ...(input.triage.redFlag ? [{ url: triageExtension.redFlag, valueCode: input.triage.redFlag }] : []),
    ],
    item: def.questions
      .filter((q) => answers[q.linkId] !== undefined)
      .map((q) => ({
        linkId: q.linkId,
        text: questionText(q.linkId),
        answer: [answer(def, q.linkId, answers[q.linkId] as AnswerValue)],
      })),
  };
}

/** The queue Task's description: the questionnaire and why it was ranked so, in Finnish. */
export function assessmentDescription(def: QuestionnaireDef, triage: Triage): string {
  const title = (fi.questionnaire as Record<string, unknown>)[def.id] as string;
  return triage.reasons.length > 0 ? `${title}: ${triage.reasons.join(', ')}` : title;
}

/**
 * A self-assessment Task's description read back as codes (the questionnaire and the rule ids
 * of assessmentDescription), so each viewer sees it in her own words; null for any other text.
 */
export function parseAssessmentDescription(description: string): { questionnaire: string; reasons: string[] } | null {
  const [title, rest] = description.split(/:\s(.*)/s, 2) as [string, string | undefined];
  const questionnaire = Object.entries(fi.questionnaire).find(([, text]) => text === title.trim())?.[0];
  if (!questionnaire) return null;
  const reasons = rest ? rest.split(', ').map((r) => r.trim()) : [];
  return reasons.every((r) => /^[a-z0-9-]+$/.test(r)) ? { questionnaire, reasons } : null;
}
