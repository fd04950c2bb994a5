import { useTranslation } from 'react-i18next';
import type { ChatView } from '../../../../shared/chat/chat-view';
import { useAnswerWords } from '../../i18n/use-answer-words';

/** What the resident already answered, in the viewer's language whatever the record stores. */
export function SelfAssessmentSummary({ assessment }: { assessment: NonNullable<ChatView['selfAssessment']> }) {
  const { t } = useTranslation();
  const answerWords = useAnswerWords();
  return (
    <div className="chat__summary" data-testid="chat-self-assessment">
      <strong>{t('chat.selfAssessment')}:</strong> {answerWords(assessment.questionnaire, assessment.answers)}
    </div>
  );
}
