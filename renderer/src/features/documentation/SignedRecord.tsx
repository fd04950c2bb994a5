import { useTranslation } from 'react-i18next';
import type { DraftView } from '../../../../shared/documentation/view';
import { useAction } from '../../api/use-call';
import { useErrorText } from '../../app/use-result-error';
import { CorrectionForm } from './CorrectionForm';
import { NoteReview } from './NoteReview';

interface Props {
  draft: DraftView;
  userId: string;
  onCorrect(reason: string): Promise<boolean>;
  onNext?(): void;
}

/** Hands a PDF to the browser as a download. */
function download(filename: string, pdfBase64: string) {
  const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A signed record: the next contact offered first, the note as it reads, correction and the resident's summary. */
export function SignedRecord({ draft, userId, onCorrect, onNext }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const summary = useAction('documentation.summary');
  const print = async () => {
    const r = await summary.run({ draftId: draft.id });
    if (r?.ok) download(r.value.filename, r.value.pdfBase64);
  };
  return (
    <>
      <p role="status" data-testid="doc-signed">
        {t('documentation.signed')}
      </p>
      {onNext && (
        <button type="button" data-primary onClick={onNext}>
          {t('documentation.nextContact')}
        </button>
      )}
      <NoteReview draft={draft} />
      {draft.author.id === userId && <CorrectionForm draftId={draft.id} onStart={onCorrect} />}
      {draft.fields.planKind === 'self-care' && (
        <button type="button" className="secondary" onClick={() => void print()}>
          {t('documentation.summary')}
        </button>
      )}
      {summary.error && (
        <p role="alert" className="error">
          {errorText(summary.error)}
        </p>
      )}
    </>
  );
}
