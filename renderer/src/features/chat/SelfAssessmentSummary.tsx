import { useTranslation } from 'react-i18next';
import type { ChatView } from '../../../../shared/chat/chat-view';
import type { QuestionnaireId } from '../../../../shared/fhir/self-assessment';
import { isResidentLanguage, residentCatalogs } from '../../../../shared/i18n/resident';
import { questionnaires } from '../../../../shared/self-assessment/questionnaires';

/** Decimal commas and the like as the viewer writes them: Finnish conventions for every workstation language. */
const locales: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * What the resident already answered, in the viewer's language whatever the record stores:
 * each question in her words, yes/no and choices as words, numbers with their unit.
 */
export function SelfAssessmentSummary({ assessment }: { assessment: NonNullable<ChatView['selfAssessment']> }) {
  const { t, i18n } = useTranslation();
  const words = residentCatalogs[isResidentLanguage(i18n.language) ? i18n.language : 'fi'].questionnaire;
  const numbers = new Intl.NumberFormat(locales[i18n.language] ?? 'fi-FI');
  const def = assessment.questionnaire ? questionnaires[assessment.questionnaire as QuestionnaireId] : undefined;
  const line = ({ linkId, text, value }: (typeof assessment.answers)[number]) => {
    const question = (words.questions as Record<string, string>)[linkId] ?? text;
    const q = def?.questions.find((x) => x.linkId === linkId);
    const unit = q && 'unit' in q && q.unit && !question.includes(q.unit) ? ` ${q.unit}` : '';
    const answer = typeof value === 'boolean' ? (value ? words.yes : words.no) : typeof value === 'number' ? `${numbers.format(value)}${unit}` : ((words.phq as Record<string, string>)[value] ?? value);
    return `${question}: ${answer}`;
  };
  return (
    <div className="chat__summary" data-testid="chat-self-assessment">
      <strong>{t('chat.selfAssessment')}:</strong> {assessment.answers.map(line).join('; ')}
    </div>
  );
}
