import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import type { ResidentContext } from '../../../../shared/resident/resident-context';
import { StatedReasonAccess } from '../access/StatedReasonAccess';
import { ChatPanel } from '../chat/ChatPanel';
import { DocumentationPanel } from '../documentation/DocumentationPanel';
import { ReviewPhoto } from '../photos/PhotoReview';
import { VideoVisitPanel } from '../video/VideoVisitPanel';
import { EscalateForm, TransferForm } from './HandOnForms';
import { ResidentContextPanel } from './ResidentContextPanel';
import type { useContactChanges } from './use-contact-changes';

interface Props {
  item: QueueItem;
  userId: string;
  mine: boolean;
  canTransfer: boolean;
  online: boolean;
  context: ResidentContext | null;
  photoId: string | null;
  chatting: boolean;
  documenting: boolean;
  signed: boolean;
  composerRequest: number;
  changes: ReturnType<typeof useContactChanges>;
  onChat(): void;
  onDocument(): void;
  onChatEnded(): void;
  onSigned(): void;
  onNext?(): void;
}

/**
 * The opened contact's two panes: the conversation and what it is about (photo, video call)
 * beside the record (documentation, hand-on forms, the resident's history).
 */
export function ContactWorkspace(p: Props) {
  const { t } = useTranslation();
  const { item, mine } = p;
  const talking = p.chatting || !!p.photoId || mine;
  const stillMine = mine && !p.signed;
  const disabled = !p.online || p.changes.busy;
  return (
    <div className={`workspace ${talking ? 'workspace--two' : ''}`}>
      {talking && (
        // Each pane scrolls on its own; as a labelled region it can take focus to scroll by keyboard.
        <div
          className="workspace__pane"
          data-testid="workspace-talk"
          role="region"
          aria-label={t('queue.paneTalk')}
          tabIndex={0}
        >
          {p.photoId && (
            <section aria-labelledby="review-photo" className="review">
              <h3 id="review-photo">{t('photos.review')}</h3>
              <ReviewPhoto mediaId={p.photoId} taskId={item.id} canAnnotate={mine} />
            </section>
          )}
          {mine && <VideoVisitPanel taskId={item.id} onStarted={p.onDocument} onChat={p.onChat} />}
          {p.chatting && <ChatPanel taskId={item.id} focusRequest={p.composerRequest} onEnd={p.onChatEnded} />}
        </div>
      )}
      <div
        className="workspace__pane"
        data-testid="workspace-record"
        role="region"
        aria-label={t('queue.paneRecord')}
        tabIndex={0}
      >
        {mine && p.documenting && (
          <DocumentationPanel taskId={item.id} userId={p.userId} onSigned={p.onSigned} onNext={p.onNext} />
        )}
        {stillMine && item.profession !== 'doctor' && (
          <EscalateForm item={item} disabled={disabled} onEscalate={(note) => void p.changes.escalate(note)} />
        )}
        {p.canTransfer && !p.signed && (
          <TransferForm item={item} disabled={disabled} onTransfer={(to, note) => void p.changes.transfer(to, note)} />
        )}
        {p.context && !p.context.inCare && (
          <StatedReasonAccess residentId={item.resident.id} residentName={item.resident.name} />
        )}
        {p.context && <ResidentContextPanel context={p.context} currentId={item.id} />}
      </div>
    </div>
  );
}
