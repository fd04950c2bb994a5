import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { type QuestionnaireId, questionnaireIds } from '../../../shared/fhir/self-assessment';
import type { SelfAssessmentResult } from '../../../shared/protocol/resident';
import { type Question, questionnaires } from '../../../shared/self-assessment/questionnaires';
import { type ViewProps } from '../App';
import { ApiError, api } from '../api';
import { useKept } from '../kept-state';
import { Emergency } from './Emergency';

const Value = z.union([z.boolean(), z.string(), z.number()]);
type Value = z.infer<typeof Value>;
const Form = z.object({ answers: z.record(z.string(), Value), requestId: z.uuid() });
const newForm = (): z.infer<typeof Form> => ({ answers: {}, requestId: crypto.randomUUID() });

function Field({
  q,
  value,
  onChange,
}: {
  q: Question;
  value: Value | undefined;
  onChange: (v: Value | undefined) => void;
}) {
  const { t } = useTranslation();
  const text = t(`questionnaire.questions.${q.linkId}`);
  if (q.type === 'decimal' || q.type === 'integer') {
    return (
      <div className="field">
        <label htmlFor={`q-${q.linkId}`}>
          {text} <span className="note">({t('questionnaire.optional')})</span>
        </label>
        <input
          id={`q-${q.linkId}`}
          type="number"
          inputMode="decimal"
          min={q.min}
          max={q.max}
          step={q.type === 'integer' ? 1 : 0.1}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      </div>
    );
  }
  const options: [string, Value][] =
    q.type === 'choice'
      ? q.options.map((o): [string, Value] => [t(`questionnaire.phq.${o}`), o])
      : [
          [t('questionnaire.yes'), true],
          [t('questionnaire.no'), false],
        ];
  return (
    <fieldset className="field">
      <legend>{text}</legend>
      {options.map(([label, v]) => (
        <label key={String(v)} className="option">
          <input type="radio" name={q.linkId} required checked={value === v} onChange={() => onChange(v)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

function Result({ result, go }: { result: SelfAssessmentResult; go: ViewProps['go'] }) {
  const { t } = useTranslation();
  const rank = Number(result.urgency.slice(1));
  const advice = result.redFlag ?? (rank <= 3 ? 'urgent' : rank <= 6 ? 'soon' : 'selfCare');
  return (
    <section>
      <h1 tabIndex={-1}>{t('result.heading')}</h1>
      <Emergency
        role={result.redFlag ? 'alert' : 'status'}
        className={result.redFlag ? 'red-flag' : 'advice'}
        text={t(`result.${advice}`)}
      />
      <button type="button" onClick={() => go({ name: 'chat', taskId: result.taskId })}>
        {t('result.openChat')}
      </button>
    </section>
  );
}

/** The questionnaire chosen is part of the view (a reload comes back to it); its answers are kept per questionnaire. */
export function SelfAssessment(props: ViewProps & { questionnaire: QuestionnaireId | undefined }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<SelfAssessmentResult | null>(null);
  if (result) return <Result result={result} go={props.go} />;
  if (props.questionnaire)
    return <QuestionnaireForm key={props.questionnaire} {...props} chosen={props.questionnaire} onResult={setResult} />;
  return (
    <section>
      <h1 tabIndex={-1}>{t('questionnaire.choose')}</h1>
      <Emergency className="emergency" text={t('home.emergency')} />
      <ul className="actions">
        {questionnaireIds.map((id) => (
          <li key={id}>
            <button type="button" onClick={() => props.go({ name: 'assess', questionnaire: id })}>
              {t(`questionnaire.${id}`)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function QuestionnaireForm({
  session,
  language,
  chosen,
  onResult,
}: ViewProps & { chosen: QuestionnaireId; onResult: (r: SelfAssessmentResult) => void }) {
  const { t } = useTranslation();
  const [form, setForm, sent] = useKept(session.patientId, `self-assessment:${chosen}`, newForm, Form);
  const { answers, requestId } = form;
  const setAnswers = (change: (a: Record<string, Value>) => Record<string, Value>) =>
    setForm((f) => ({ ...f, answers: change(f.answers) }));
  const [error, setError] = useState<string | null>(null);
  const def = questionnaires[chosen];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const result = await api.selfAssessment(session.accessToken, {
        requestId,
        questionnaire: chosen,
        language,
        answers,
      });
      sent();
      onResult(result);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 400
          ? t('errors.invalid', { detail: err.message })
          : t('errors.offline'),
      );
    }
  };
  return (
    <section>
      <h1 tabIndex={-1}>{t(`questionnaire.${chosen}`)}</h1>
      {chosen === 'mental-wellbeing' && <p>{t('questionnaire.phqIntro')}</p>}
      <form onSubmit={submit}>
        {def.questions.map((q) => (
          <Field
            key={q.linkId}
            q={q}
            value={answers[q.linkId]}
            onChange={(v) =>
              setAnswers((a) => {
                const next = { ...a };
                if (v === undefined) delete next[q.linkId];
                else next[q.linkId] = v;
                return next;
              })
            }
          />
        ))}
        <button type="submit">{t('questionnaire.submit')}</button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
