import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import { openStatuses } from '../../../../shared/queue/task-conventions';
import { useCall } from '../../api/use-call';
import { useErrorText } from '../../app/use-result-error';
import { ContactFacts } from './ContactFacts';
import { ContactWorkspace } from './ContactWorkspace';
import { HandoverNotes } from './HandoverNotes';
import { useComposerShortcut } from './use-composer-shortcut';
import { useContactChanges } from './use-contact-changes';

interface Props {
  item: QueueItem;
  userId: string;
  isLead: boolean;
  online: boolean;
  now: number;
  claimMessage: { text: string; error: boolean } | null;
  onClaim(): void;
  onChanged(item: QueueItem): void;
  onClose(): void;
  /** After signing: close this contact and go on to the next one. */
  onNext?(): void;
}

/** The opened contact beside the queue rail: what it is, what can be done, and the workspace. */
export function ItemDetail({
  item,
  userId,
  isLead,
  online,
  now,
  claimMessage,
  onClaim,
  onChanged,
  onClose,
  onNext,
}: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const mine = item.holder?.id === userId;
  // A closed contact (found again in Recent contacts) is read, corrected or reprinted, never handed on.
  const closed = !(openStatuses as readonly string[]).includes(item.status);
  const changes = useContactChanges(item, onChanged);
  // Re-read when the cache changes: after a claim the resident's records arrive with the next sync.
  const context = useCall('resident.context', { residentId: item.resident.id }, ['queue.changed']).value;
  // A photo contact opens with its photo to review.
  const focus = useCall('queue.focus', item.kind === 'photo' ? { id: item.id } : null).value;
  const photoId = focus?.type === 'Media' ? focus.id : null;
  const [documenting, setDocumenting] = useState(false);
  const [chatting, setChatting] = useState(item.kind === 'chat');
  const [signed, setSigned] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  /** Opens the documentation; focus waits on the heading until its first field is there. */
  const startDocumenting = () => {
    heading.current?.focus();
    setDocumenting(true);
  };
  const openChat = useCallback(() => setChatting(true), []);
  const composerRequest = useComposerShortcut(openChat);
  const busy = changes.busy;

  return (
    <aside className="detail" aria-labelledby="detail-title" data-testid="item-detail" data-contact-pane>
      <div className="detail__head">
        <h2 id="detail-title" tabIndex={-1} ref={heading}>
          {item.resident.name}
        </h2>
        <div className="actions detail__actions">
          {!item.holder && !closed && (
            <button type="button" onClick={onClaim} disabled={!online || busy} aria-keyshortcuts="c">
              {t('queue.claim')}
            </button>
          )}
          {!chatting && (
            <button type="button" className="secondary" onClick={openChat}>
              {t('chat.open')}
            </button>
          )}
          {mine && !documenting && (
            <button type="button" onClick={startDocumenting}>
              {t('documentation.document')}
            </button>
          )}
          {mine && !signed && !closed && (
            <button
              type="button"
              className="secondary"
              disabled={!online || busy}
              onClick={() => void changes.release()}
            >
              {t('queue.release')}
            </button>
          )}
        </div>
        <button type="button" className="secondary detail__close" onClick={onClose}>
          {t('queue.close')}
        </button>
      </div>
      {!online && <p className="hint">{t('queue.claimNeedsConnection')}</p>}
      <HandoverNotes notes={item.notes} />
      <ContactFacts item={item} now={now} />
      <p role="status" className="announce" data-testid="detail-message">
        {changes.message ?? (claimMessage && !claimMessage.error ? claimMessage.text : '')}
      </p>
      {claimMessage?.error && (
        <p role="alert" className="error">
          {claimMessage.text}
        </p>
      )}
      {changes.error && (
        <p role="alert" className="error">
          {errorText(changes.error)}
        </p>
      )}
      <ContactWorkspace
        item={item}
        userId={userId}
        mine={mine}
        canTransfer={!closed && !!item.holder && (mine || isLead)}
        online={online}
        context={context}
        photoId={photoId}
        chatting={chatting}
        documenting={documenting}
        signed={signed || closed}
        composerRequest={composerRequest}
        changes={changes}
        onChat={openChat}
        onDocument={startDocumenting}
        onChatEnded={() => {
          setChatting(false);
          startDocumenting();
        }}
        onSigned={() => setSigned(true)}
        onNext={onNext}
      />
    </aside>
  );
}
