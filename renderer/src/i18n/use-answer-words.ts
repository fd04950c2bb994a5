import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnsweredQuestion, QuestionnaireId } from '../../../shared/fhir/self-assessment';
import { isResidentLanguage, residentCatalogs } from '../../../shared/i18n/resident';
import { questionnaires } from '../../../shared/self-assessment/questionnaires';

/** Decimal commas and the like as the viewer writes them: Finnish conventions for every workstation language. */
const locales: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * A self-assessment's answers in the viewer's language whatever the record stores: each question
 * in her words, yes/no and choices as words, numbers with their unit; "question: answer; …".
 */
export function useAnswerWords(): (questionnaire: string | null, answers: AnsweredQuestion[]) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (questionnaire, answers) => {
      const words = residentCatalogs[isResidentLanguage(language) ? language : 'fi'].questionnaire;
      const numbers = new Intl.NumberFormat(locales[language] ?? 'fi-FI');
      const def = questionnaire ? questionnaires[questionnaire as QuestionnaireId] : undefined;
      const line = ({ linkId, text, value }: AnsweredQuestion) => {
        const question = (words.questions as Record<string, string>)[linkId] ?? text;
        const q = def?.questions.find((x) => x.linkId === linkId);
        const unit = q && 'unit' in q && q.unit && !question.includes(q.unit) ? ` ${q.unit}` : '';
        const answer =
          typeof value === 'boolean'
            ? value
              ? words.yes
              : words.no
            : typeof value === 'number'
              ? `${numbers.format(value)}${unit}`
              : ((words.phq as Record<string, string>)[value] ?? value);
        return `${question}: ${answer}`;
      };
      return answers.map(line).join('; ');
    },
    [language],
  );
}
