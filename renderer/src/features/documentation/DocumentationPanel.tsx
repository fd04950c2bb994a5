import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { urgencyClasses } from '../../../../shared/care-guarantee/urgency';
import type { CallError } from '../../../../shared/contract';
import { contactModes, type DraftFields, planKinds, serviceTypes } from '../../../../shared/documentation/draft';
import type { DraftRequest } from '../../../../shared/documentation/requests';
import type { DraftView } from '../../../../shared/documentation/view';
import { useApi } from '../../api/api-context';
import { useKeptText } from '../kept/use-kept-text';
import { useErrorText } from '../../app/use-result-error';
import { CosignPanel } from './CosignPanel';
import { NoteReview } from './NoteReview';
import { ReasonCodePicker } from './ReasonCodePicker';
import { AnnotationSummary } from '../photos/AnnotationSummary';
import { TextField } from './TextField';

interface Props {
  taskId: string;
  userId: string;
  /** The record is signed (by me or, co-signed, by the asked colleague). */
  onSigned?(): void;
  /** Offered once signed: close this contact and go on to the next. */
  onNext?(): void;
}

/** A field still to fill: empty text, no choice made, no radio of its group checked. */
function isEmpty(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): boolean {
  if (el instanceof HTMLInputElement && el.type === 'radio') return !el.form?.querySelector(`input[name="${el.name}"]:checked`) && !el.closest('fieldset')?.querySelector(`input[name="${el.name}"]:checked`);
  return el.value.trim() === '';
}

/** The documentation flow of the opened contact: steps, fields, what blocks signing, sign. */
export function DocumentationPanel({ taskId, userId, onSigned, onNext }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<DraftView | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  /** Whether everything typed so far is in the saved draft (false while a field has unsaved typing). */
  const [saved, setSaved] = useState(true);

  useEffect(() => {
    void api['documentation.open']({ taskId }).then((r) => (r.ok ? setDraft(r.value) : setError(r.error)));
  }, [api, taskId]);

  // After each step focus goes where the next action is: the first field still to fill, else
  // the step's main button (Next, Sign), else the panel's heading. Never left on <body>.
  const panel = useRef<HTMLElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const stepKey = draft ? `${draft.id}:${draft.step}:${draft.state}` : '';
  useEffect(() => {
    const root = panel.current;
    if (!stepKey || !root) return;
    const fields = [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('.doc-step textarea, .doc-step select, .doc-step input')].filter(
      (el) => !el.disabled && !el.hasAttribute('data-skip-focus'),
    );
    const target = fields.find(isEmpty) ?? root.querySelector<HTMLElement>('[data-primary]:not(:disabled)') ?? root.querySelector<HTMLElement>('#doc-title');
    target?.focus();
  }, [stepKey]);

  const signedNow = draft?.state === 'signed';
  const announced = useRef(false);
  useEffect(() => {
    if (signedNow && !announced.current) onSigned?.();
    announced.current = signedNow;
  }, [signedNow, onSigned]);

  if (error && !draft) return <p role="alert" className="error">{errorText(error)}</p>;
  if (!draft) return null;

  const step = async (request: DraftRequest): Promise<boolean> => {
    const r = await api['documentation.step']({ draftId: draft.id, request });
    if (r.ok) {
      setDraft(r.value);
      setSaved(true);
      setError(null);
    } else setError(r.error);
    return r.ok;
  };
  const correct = async (reason: string): Promise<boolean> => {
    const r = await api['documentation.correct']({ draftId: draft.id, reason });
    if (r.ok) {
      setDraft(r.value);
      setError(null);
    } else setError(r.error);
    return r.ok;
  };
  const printSummary = async () => {
    const r = await api['documentation.summary']({ draftId: draft.id });
    if (!r.ok) return setError(r.error);
    const bytes = Uint8Array.from(atob(r.value.pdfBase64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = r.value.filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const update = (patch: DraftFields) => void step({ type: 'UPDATE', patch });
  const f = draft.fields;
  const field = (name: keyof DraftFields) => t(`documentation.fields.${name}`);
  const text = (name: 'reasonText' | 'history' | 'currentState' | 'photoFinding' | 'measurementComment' | 'consultQuestion' | 'assessmentText' | 'planText' | 'carePlanGoal' | 'followUp') => (
    <TextField key={`${draft.id}-${name}`} id={`doc-${name}`} label={field(name)} value={f[name] ?? ''} onDirty={() => setSaved(false)} onCommit={(v) => update({ [name]: v })} />
  );
  const signedOrWaiting = draft.state !== 'draft';
  const index = draft.steps.indexOf(draft.step);

  return (
    <section className="documentation" aria-labelledby="doc-title" data-testid="documentation" ref={panel}>
      <h3 id="doc-title" tabIndex={-1}>
        {t('documentation.title')}
      </h3>
      {draft.correction && draft.state !== 'signed' && (
        <p className="notice" data-testid="doc-correction">
          {t('documentation.correction.banner', { reason: draft.correction.reason })}
        </p>
      )}
      {draft.state === 'draft' && (
        <p className="hint" aria-live="polite" data-testid="doc-saved">
          {saved ? t('documentation.draftSaved') : ''}
        </p>
      )}
      <nav aria-label={t('documentation.steps')}>
        <ol className="doc-steps">
          {draft.steps.map((s) => (
            <li key={s}>
              <button type="button" className="link" aria-current={s === draft.step ? 'step' : undefined} disabled={signedOrWaiting} onClick={() => void step({ type: 'GOTO', step: s })}>
                {t(`documentation.stepNames.${s}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {draft.state === 'signed' ? (
        <>
          <p role="status" data-testid="doc-signed">{t('documentation.signed')}</p>
          {onNext && (
            <button type="button" data-primary onClick={onNext}>
              {t('documentation.nextContact')}
            </button>
          )}
          <NoteReview draft={draft} />
          {draft.author.id === userId && <CorrectionForm draftId={draft.id} onStart={correct} />}
          {draft.fields.planKind === 'self-care' && (
            <button type="button" className="secondary" onClick={() => void printSummary()}>
              {t('documentation.summary')}
            </button>
          )}
        </>
      ) : (
        <fieldset className="doc-step" disabled={signedOrWaiting}>
          <legend>{t(`documentation.stepNames.${draft.step}`)}</legend>
          {draft.step === 'transcript' && (
            <TextField id="doc-transcript" label={field('transcriptExcerpts')} value={(f.transcriptExcerpts ?? []).join('\n')} onCommit={(v) => update({ transcriptExcerpts: v.split('\n').filter(Boolean) })} />
          )}
          {draft.step === 'consultQuestion' && text('consultQuestion')}
          {draft.step === 'photoReview' && text('photoFinding')}
          {draft.step === 'photoReview' && <AnnotationSummary annotations={draft.fields.photoAnnotations} />}
          {draft.step === 'reason' && (
            <>
              {text('reasonText')}
              <ReasonCodePicker
                chosen={f.reasonCode}
                onChoose={(code) => {
                  update({ reasonCode: code });
                  // Picked: the next thing to do is to go on.
                  primary.current?.focus();
                }}
              />
            </>
          )}
          {draft.step === 'screening' && (
            <NumberField id="doc-phq9" label={field('phq9')} value={f.phq9} onCommit={(n) => update({ phq9: n })} />
          )}
          {draft.step === 'measurements' && text('measurementComment')}
          {draft.step === 'history' && text('history')}
          {draft.step === 'currentState' && text('currentState')}
          {draft.step === 'assessment' && (
            <>
              <Select id="doc-urgency" label={field('urgency')} value={f.urgency} options={urgencyClasses.map((u) => [u, `${u} – ${t(`urgency.${u}`)}`])} onChange={(v) => update({ urgency: v as DraftFields['urgency'] })} />
              {text('assessmentText')}
            </>
          )}
          {draft.step === 'plan' && (
            <>
              <Select id="doc-plan" label={field('planKind')} value={f.planKind} options={planKinds.map((p) => [p, t(`documentation.planKinds.${p}`)])} onChange={(v) => update({ planKind: v as DraftFields['planKind'] })} />
              {f.planKind === 'appointment' && <NumberField id="doc-days" label={t('documentation.withinDays')} value={f.planWithinDays} onCommit={(n) => update({ planWithinDays: n })} />}
              <YesNo label={t('documentation.careGiven')} yes={t('documentation.yes')} no={t('documentation.no')} value={f.careGivenInSameContact} onChange={(v) => update({ careGivenInSameContact: v })} />
              {text('planText')}
              {text('carePlanGoal')}
            </>
          )}
          {draft.step === 'followUp' && text('followUp')}
          {draft.step === 'review' && (
            <>
              <Select id="doc-mode" label={field('contactMode')} value={f.contactMode} options={contactModes.map((m) => [m, t(`documentation.contactModes.${m}`)])} onChange={(v) => update({ contactMode: v as DraftFields['contactMode'] })} />
              <Select id="doc-service" label={field('serviceType')} value={f.serviceType} options={serviceTypes.map((s) => [s, t(`documentation.serviceTypes.${s}`)])} onChange={(v) => update({ serviceType: v as DraftFields['serviceType'] })} />
              <NoteReview draft={draft} />
            </>
          )}
          {/* The step's main action first: one Tab from the last field. */}
          <div className="actions">
            {draft.step !== 'review' ? (
              <button type="button" ref={primary} data-primary onClick={() => void step({ type: 'NEXT' })}>
                {t('documentation.next')}
              </button>
            ) : (
              <button type="button" ref={primary} data-primary onClick={() => void step({ type: 'SIGN' })}>
                {t('documentation.sign')}
              </button>
            )}
            <button type="button" className="secondary" disabled={index <= 0} onClick={() => void step({ type: 'BACK' })}>
              {t('documentation.back')}
            </button>
          </div>
        </fieldset>
      )}
      <CosignPanel draft={draft} userId={userId} step={step} />
      {draft.blockedBy.length > 0 && (
        <div role="alert" className="error" data-testid="doc-blockers">
          <p>{t('documentation.blocked')}</p>
          <ul>
            {draft.blockedBy.map((b) => (
              <li key={`${b.field}-${b.rule}`}>{t(`documentation.rules.${b.rule}`, { field: t(`documentation.fields.${b.field}`) })}</li>
            ))}
          </ul>
        </div>
      )}
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </section>
  );
}

function CorrectionForm({ draftId, onStart }: { draftId: string; onStart(reason: string): Promise<boolean> }) {
  const { t } = useTranslation();
  const reason = useKeptText(`correction-reason:${draftId}`);
  return (
    <form
      className="escalate"
      onSubmit={(e) => {
        e.preventDefault();
        void onStart(reason.value.trim()).then((ok) => ok && reason.clear());
      }}
    >
      <label htmlFor="doc-correction-reason">{t('documentation.correction.reason')}</label>
      <textarea id="doc-correction-reason" rows={2} value={reason.value} onChange={(e) => reason.set(e.target.value)} />
      <button type="submit" className="secondary" disabled={!reason.value.trim()}>
        {t('documentation.correction.start')}
      </button>
    </form>
  );
}

function Select({ id, label, value, options, onChange }: { id: string; label: string; value: string | undefined; options: [string, string][]; onChange(v: string): void }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="" disabled>
          —
        </option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}

function NumberField({ id, label, value, onCommit }: { id: string; label: string; value: number | undefined; onCommit(n: number): void }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} onBlur={() => text.trim() !== '' && Number.isInteger(Number(text)) && onCommit(Number(text))} />
    </>
  );
}

/** Shown at once as chosen (the saved value follows a moment later from main). */
function YesNo({ label, yes, no, value, onChange }: { label: string; yes: string; no: string; value: boolean | undefined; onChange(v: boolean): void }) {
  const [chosen, setChosen] = useState(value);
  return (
    <div role="radiogroup" aria-label={label} className="radios">
      <span>{label}</span>
      {([true, false] as const).map((v) => (
        <label key={String(v)}>
          <input
            type="radio"
            name="care-given"
            checked={chosen === v}
            onChange={() => {
              setChosen(v);
              onChange(v);
            }}
          />
          {v ? yes : no}
        </label>
      ))}
    </div>
  );
}
