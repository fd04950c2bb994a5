import { type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { urgencyClasses } from '../../../../shared/care-guarantee/urgency';
import { contactModes, type DraftFields, planKinds, serviceTypes } from '../../../../shared/documentation/draft';
import type { DraftRequest } from '../../../../shared/documentation/requests';
import type { DraftView } from '../../../../shared/documentation/view';
import { AnnotationSummary } from '../photos/AnnotationSummary';
import { NumberField, Select, YesNo } from './form-fields';
import { NoteReview } from './NoteReview';
import { ReasonCodePicker } from './ReasonCodePicker';
import { TextField } from './TextField';

type TextName =
  | 'reasonText'
  | 'history'
  | 'currentState'
  | 'photoFinding'
  | 'measurementComment'
  | 'consultQuestion'
  | 'assessmentText'
  | 'planText'
  | 'carePlanGoal'
  | 'followUp';

interface Props {
  draft: DraftView;
  onStep(request: DraftRequest): void;
  /** Typing started that is not in the saved draft yet. */
  onDirty(): void;
  /** The step's main button (Next, Sign), where focus goes once the step's fields are filled. */
  primaryRef: RefObject<HTMLButtonElement | null>;
}

/** The current step of the documentation flow: its fields, then Next (or Sign) and Back. */
export function DocumentationStep({ draft, onStep, onDirty, primaryRef }: Props) {
  const { t } = useTranslation();
  const f = draft.fields;
  const update = (patch: DraftFields) => onStep({ type: 'UPDATE', patch });
  const field = (name: keyof DraftFields) => t(`documentation.fields.${name}`);
  const text = (name: TextName) => (
    <TextField
      key={`${draft.id}-${name}`}
      id={`doc-${name}`}
      label={field(name)}
      value={f[name] ?? ''}
      onDirty={onDirty}
      onCommit={(v) => update({ [name]: v })}
    />
  );
  const step = draft.step;
  return (
    <fieldset className="doc-step" disabled={draft.state !== 'draft'}>
      <legend>{t(`documentation.stepNames.${step}`)}</legend>
      {step === 'transcript' && (
        <TextField
          id="doc-transcript"
          label={field('transcriptExcerpts')}
          value={(f.transcriptExcerpts ?? []).join('\n')}
          onCommit={(v) => update({ transcriptExcerpts: v.split('\n').filter(Boolean) })}
        />
      )}
      {step === 'consultQuestion' && text('consultQuestion')}
      {step === 'photoReview' && text('photoFinding')}
      {step === 'photoReview' && <AnnotationSummary annotations={f.photoAnnotations} />}
      {step === 'reason' && (
        <>
          {text('reasonText')}
          <ReasonCodePicker
            chosen={f.reasonCode}
            onChoose={(code) => {
              update({ reasonCode: code });
              // Picked: the next thing to do is to go on.
              primaryRef.current?.focus();
            }}
          />
        </>
      )}
      {step === 'screening' && (
        <NumberField id="doc-phq9" label={field('phq9')} value={f.phq9} onCommit={(n) => update({ phq9: n })} />
      )}
      {step === 'measurements' && text('measurementComment')}
      {step === 'history' && text('history')}
      {step === 'currentState' && text('currentState')}
      {step === 'assessment' && (
        <>
          <Select
            id="doc-urgency"
            label={field('urgency')}
            value={f.urgency}
            options={urgencyClasses.map((u) => [u, `${u} – ${t(`urgency.${u}`)}`])}
            onChange={(v) => update({ urgency: v as DraftFields['urgency'] })}
          />
          {text('assessmentText')}
        </>
      )}
      {step === 'plan' && (
        <>
          <Select
            id="doc-plan"
            label={field('planKind')}
            value={f.planKind}
            options={planKinds.map((p) => [p, t(`documentation.planKinds.${p}`)])}
            onChange={(v) => update({ planKind: v as DraftFields['planKind'] })}
          />
          {f.planKind === 'appointment' && (
            <NumberField
              id="doc-days"
              label={t('documentation.withinDays')}
              value={f.planWithinDays}
              onCommit={(n) => update({ planWithinDays: n })}
            />
          )}
          <YesNo
            label={t('documentation.careGiven')}
            yes={t('documentation.yes')}
            no={t('documentation.no')}
            value={f.careGivenInSameContact}
            onChange={(v) => update({ careGivenInSameContact: v })}
          />
          {text('planText')}
          {text('carePlanGoal')}
        </>
      )}
      {step === 'followUp' && text('followUp')}
      {step === 'review' && (
        <>
          <Select
            id="doc-mode"
            label={field('contactMode')}
            value={f.contactMode}
            options={contactModes.map((m) => [m, t(`documentation.contactModes.${m}`)])}
            onChange={(v) => update({ contactMode: v as DraftFields['contactMode'] })}
          />
          <Select
            id="doc-service"
            label={field('serviceType')}
            value={f.serviceType}
            options={serviceTypes.map((s) => [s, t(`documentation.serviceTypes.${s}`)])}
            onChange={(v) => update({ serviceType: v as DraftFields['serviceType'] })}
          />
          <NoteReview draft={draft} />
        </>
      )}
      {/* The step's main action first: one Tab from the last field. */}
      <div className="actions">
        <button
          type="button"
          ref={primaryRef}
          data-primary
          onClick={() => onStep({ type: step === 'review' ? 'SIGN' : 'NEXT' })}
        >
          {step === 'review' ? t('documentation.sign') : t('documentation.next')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={draft.steps.indexOf(step) <= 0}
          onClick={() => onStep({ type: 'BACK' })}
        >
          {t('documentation.back')}
        </button>
      </div>
    </fieldset>
  );
}
