import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useAnswerWords } from '../../i18n/use-answer-words';
import type { ResidentContext } from '../../../../shared/resident/resident-context';
import { PhotoView } from '../photos/PhotoView';

interface Props {
  context: ResidentContext;
  currentId: string;
}

/** The resident's history beside the opened contact, section by section, newest first. */
export function ResidentContextPanel({ context, currentId }: Props) {
  const { t } = useTranslation();
  const when = useFormat().dateTime;
  const answerWords = useAnswerWords();
  const contacts = context.contacts.filter((c) => c.id !== currentId);
  const { measurements } = context;
  return (
    <div className="context" data-testid="resident-context">
      <Section title={t('context.selfAssessments')} empty={t('context.none')} count={context.selfAssessments.length}>
        {context.selfAssessments.map((q) => (
          <li key={q.id}>
            {when(q.authored)} ·{' '}
            {q.questionnaire ? t(`questionnaires.${q.questionnaire}`) : t('context.otherQuestionnaire')}
            <br />
            <span className="muted">{answerWords(q.questionnaire, q.answers)}</span>
          </li>
        ))}
      </Section>
      <Section title={t('context.photos')} empty={t('context.none')} count={context.photos.length}>
        {context.photos.map((p) => (
          <li key={p.id}>
            {when(p.taken)} · {p.title} <PhotoView mediaId={p.id} when={when(p.taken)} />
          </li>
        ))}
      </Section>
      <h3>{t('context.measurements')}</h3>
      {measurements.consent !== 'given' && measurements.withheld > 0 && (
        <p className="hint" data-testid="consent-notice">
          {t(measurements.consent === 'withdrawn' ? 'context.consentWithdrawn' : 'context.consentNone', {
            count: measurements.withheld,
          })}
        </p>
      )}
      {measurements.items.length > 0 ? (
        <ul className="recent">
          {measurements.items.map((m) => (
            <li key={m.id}>
              {when(m.at)} · {t(`measurementKinds.${m.kind}`)}: {m.value}
            </li>
          ))}
        </ul>
      ) : (
        measurements.withheld === 0 && <p>{t('context.none')}</p>
      )}
      <Section title={t('context.documents')} empty={t('context.none')} count={context.documents.length}>
        {context.documents.map((d) => (
          <li key={d.id}>
            {when(d.date)} · {d.title} · {d.author}
          </li>
        ))}
      </Section>
      <Section title={t('queue.recentContacts')} empty={t('queue.noRecentContacts')} count={contacts.length}>
        {contacts.map((c) => (
          <li key={c.id}>
            {when(c.contactAt)} · {t(`kinds.${c.kind}`)} · {c.reason} (
            {t(`taskStatus.${c.status}`, { defaultValue: c.status })})
          </li>
        ))}
      </Section>
    </div>
  );
}

function Section({
  title,
  empty,
  count,
  children,
}: {
  title: string;
  empty: string;
  count: number;
  children: React.ReactNode;
}) {
  return (
    <>
      <h3>{title}</h3>
      {count === 0 ? <p>{empty}</p> : <ul className="recent">{children}</ul>}
    </>
  );
}
