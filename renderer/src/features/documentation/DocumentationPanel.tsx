import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRequest } from '../../../../shared/documentation/requests';
import { useAction, useCall } from '../../api/use-call';
import { useErrorText } from '../../app/use-result-error';
import { CosignPanel } from './CosignPanel';
import { DocumentationStep } from './DocumentationStep';
import { SignedRecord } from './SignedRecord';
import { useStepFocus } from './use-step-focus';

interface Props {
  taskId: string;
  userId: string;
  /** The record is signed (by me or, co-signed, by the asked colleague). */
  onSigned?(): void;
  /** Offered once signed: close this contact and go on to the next. */
  onNext?(): void;
}

/** The documentation flow of the opened contact: steps, fields, what blocks signing, sign. */
export function DocumentationPanel({ taskId, userId, onSigned, onNext }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const opened = useCall('documentation.open', { taskId });
  const stepAction = useAction('documentation.step');
  const correctAction = useAction('documentation.correct');
  const draft = opened.value;
  /** Whether everything typed so far is in the saved draft (false while a field has unsaved typing). */
  const [saved, setSaved] = useState(true);
  const panel = useRef<HTMLElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  useStepFocus(panel, draft);

  const signedNow = draft?.state === 'signed';
  const announced = useRef(false);
  useEffect(() => {
    if (signedNow && !announced.current) onSigned?.();
    announced.current = signedNow;
  }, [signedNow, onSigned]);

  if (!draft)
    return opened.error ? (
      <p role="alert" className="error">
        {errorText(opened.error)}
      </p>
    ) : null;

  const step = async (request: DraftRequest): Promise<boolean> => {
    const r = await stepAction.run({ draftId: draft.id, request });
    if (r?.ok) {
      opened.set(r.value);
      setSaved(true);
    }
    return !!r?.ok;
  };
  const correct = async (reason: string): Promise<boolean> => {
    const r = await correctAction.run({ draftId: draft.id, reason });
    if (r?.ok) opened.set(r.value);
    return !!r?.ok;
  };
  const error = stepAction.error ?? correctAction.error;

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
              <button
                type="button"
                className="link"
                aria-current={s === draft.step ? 'step' : undefined}
                disabled={draft.state !== 'draft'}
                onClick={() => void step({ type: 'GOTO', step: s })}
              >
                {t(`documentation.stepNames.${s}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {draft.state === 'signed' ? (
        <SignedRecord draft={draft} userId={userId} onCorrect={correct} onNext={onNext} />
      ) : (
        <DocumentationStep
          draft={draft}
          onStep={(r) => void step(r)}
          onDirty={() => setSaved(false)}
          primaryRef={primary}
        />
      )}
      <CosignPanel draft={draft} userId={userId} step={step} />
      {draft.blockedBy.length > 0 && (
        <div role="alert" className="error" data-testid="doc-blockers">
          <p>{t('documentation.blocked')}</p>
          <ul>
            {draft.blockedBy.map((b) => (
              <li key={`${b.field}-${b.rule}`}>
                {t(`documentation.rules.${b.rule}`, { field: t(`documentation.fields.${b.field}`) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
    </section>
  );
}
