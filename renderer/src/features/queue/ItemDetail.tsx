import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { CallError, Colleague } from '../../../../shared/contract';
import type { QueueItem } from '../../../../shared/queue/queue-item';
import type { ResidentContext } from '../../../../shared/resident/resident-context';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../app/use-result-error';
import { ChatPanel } from '../chat/ChatPanel';
import { ReviewPhoto } from '../photos/PhotoReview';
import { DocumentationPanel } from '../documentation/DocumentationPanel';
import { VideoVisitPanel } from '../video/VideoVisitPanel';
import { Duration } from './Duration';
import { ResidentContextPanel } from './ResidentContextPanel';
import { useReasonText } from './use-reason-text';
import { StatedReasonAccess } from '../access/StatedReasonAccess';

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

/** The opened contact beside the queue: the resident's context and what can be done. */
export function ItemDetail({ item, userId, isLead, online, now, claimMessage, onClaim, onChanged, onClose, onNext }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasonText = useReasonText();
  const api = useApi();
  const errorText = useErrorText();
  const [context, setContext] = useState<ResidentContext | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  const [transferTo, setTransferTo] = useState('');
  const [transferNote, setTransferNote] = useState('');
  const [documenting, setDocumenting] = useState(false);
  const [chatting, setChatting] = useState(item.kind === 'chat');
  const [signed, setSigned] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  /** Opens the documentation; focus waits on the heading until its first field is there. */
  const startDocumenting = () => {
    heading.current?.focus();
    setDocumenting(true);
  };
  const mine = item.holder?.id === userId;
  // Alt+M writes to the resident from anywhere in the contact: the chat opens, the box gets focus.
  const [composerRequest, setComposerRequest] = useState(0);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyM') return;
      event.preventDefault();
      setChatting(true);
      setComposerRequest((n) => n + 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const canTransfer = !!item.holder && (mine || isLead);

  // Re-read when the cache changes: after a claim the resident's records arrive with the next sync.
  useEffect(() => {
    let live = true;
    const load = () => void api['resident.context']({ residentId: item.resident.id }).then((r) => live && r.ok && setContext(r.value));
    load();
    const off = api.on('queue.changed', load);
    return () => {
      live = false;
      off();
    };
  }, [api, item.resident.id]);
  // A photo contact opens with its photo to review.
  const [photoId, setPhotoId] = useState<string | null>(null);
  useEffect(() => {
    if (item.kind !== 'photo') return;
    void api['queue.focus']({ id: item.id }).then((r) => r.ok && r.value?.type === 'Media' && setPhotoId(r.value.id));
  }, [api, item.id, item.kind]);

  useEffect(() => {
    if (canTransfer) void api['staff.colleagues']({}).then((r) => r.ok && setColleagues(r.value.filter((c) => c.id !== item.holder?.id)));
  }, [api, canTransfer, item.holder?.id]);

  const act = async (run: () => Promise<{ ok: true; value: QueueItem } | { ok: false; error: CallError }>, done: (i: QueueItem) => string) => {
    setBusy(true);
    setError(null);
    const result = await run();
    setBusy(false);
    if (result.ok) {
      onChanged(result.value);
      setMessage(done(result.value));
    } else setError(result.error);
  };

  const when = format.dateTime;
  // The conversation and what it is about (photo, video call) beside the record, when there is one.
  const talking = chatting || !!photoId || mine;

  return (
    <aside className="detail" aria-labelledby="detail-title" data-testid="item-detail" data-contact-pane>
      <div className="detail__head">
        <h2 id="detail-title" tabIndex={-1} ref={heading}>
          {item.resident.name}
        </h2>
        <div className="actions detail__actions">
          {!item.holder && (
            <button type="button" onClick={onClaim} disabled={!online || busy} aria-keyshortcuts="c">
              {t('queue.claim')}
            </button>
          )}
          {!chatting && (
            <button type="button" className="secondary" onClick={() => setChatting(true)}>
              {t('chat.open')}
            </button>
          )}
          {mine && !documenting && (
            <button type="button" onClick={startDocumenting}>
              {t('documentation.document')}
            </button>
          )}
          {mine && !signed && (
            <button type="button" className="secondary" disabled={!online || busy} onClick={() => void act(() => api['queue.release']({ id: item.id }), () => t('queue.released'))}>
              {t('queue.release')}
            </button>
          )}
        </div>
        <button type="button" className="secondary detail__close" onClick={onClose}>
          {t('queue.close')}
        </button>
      </div>
      {!online && <p className="hint">{t('queue.claimNeedsConnection')}</p>}
      {item.notes?.length ? (
        <section className="handover" aria-labelledby="handover-title" data-testid="handover-notes">
          <h3 id="handover-title">{t('queue.notesTitle')}</h3>
          <ul>
            {item.notes.map((n, i) => (
              <li key={`${n.at ?? ''}-${i}`}>
                <p className="handover__text">{n.text}</p>
                <p className="hint">{[n.by, n.at ? when(n.at) : null].filter(Boolean).join(', ')}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <dl className="facts facts--row">
        <dt>{t('queue.kind')}</dt>
        <dd>{t(`kinds.${item.kind}`)}</dd>
        <dt>{t('queue.urgency')}</dt>
        <dd>
          {item.urgency} – {t(`urgency.${item.urgency}`)}
        </dd>
        <dt>{t('queue.contactAt')}</dt>
        <dd>{when(item.contactAt)}</dd>
        <dt>{t('queue.deadline')}</dt>
        <dd>
          {when(item.deadline)} (<Duration ms={new Date(item.deadline).getTime() - now} />)
        </dd>
        <dt>{t('queue.regionalTarget')}</dt>
        <dd>{when(item.regionalTarget)}</dd>
        <dt>{t('queue.reason')}</dt>
        <dd>{reasonText(item)}</dd>
        <dt>{t('queue.holder')}</dt>
        <dd data-testid="detail-holder">{item.holder ? item.holder.name : t('queue.unclaimed')}</dd>
      </dl>
      <p role="status" className="announce" data-testid="detail-message">
        {message ?? (claimMessage && !claimMessage.error ? claimMessage.text : '')}
      </p>
      {claimMessage?.error && (
        <p role="alert" className="error">
          {claimMessage.text}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
      <div className={`workspace ${talking ? 'workspace--two' : ''}`}>
        {talking && (
          // Each pane scrolls on its own; as a labelled region it can take focus to scroll by keyboard.
          <div className="workspace__pane" data-testid="workspace-talk" role="region" aria-label={t('queue.paneTalk')} tabIndex={0}>
          {photoId && (
            <section aria-labelledby="review-photo" className="review">
              <h3 id="review-photo">{t('photos.review')}</h3>
              <ReviewPhoto mediaId={photoId} taskId={item.id} canAnnotate={mine} />
            </section>
          )}
            {/* Video visits (renderer/src/features/video). */}
            {mine && <VideoVisitPanel taskId={item.id} onStarted={startDocumenting} onChat={() => setChatting(true)} />}
          {chatting && (
            <ChatPanel
              taskId={item.id}
              focusRequest={composerRequest}
              onEnd={() => {
                setChatting(false);
                startDocumenting();
              }}
            />
          )}
          </div>
        )}
        <div className="workspace__pane" data-testid="workspace-record" role="region" aria-label={t('queue.paneRecord')} tabIndex={0}>
          {mine && documenting && <DocumentationPanel taskId={item.id} userId={userId} onSigned={() => setSigned(true)} onNext={onNext} />}
          {mine && !signed && item.profession !== 'doctor' && (
            <form
              className="escalate"
              onSubmit={(e) => {
                e.preventDefault();
                void act(() => api['queue.escalate']({ id: item.id, note }), () => t('queue.escalated'));
              }}
            >
              <label htmlFor="escalate-note">{t('queue.escalateNote')}</label>
              <textarea id="escalate-note" value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
              <button type="submit" className="secondary" disabled={!online || busy || !note.trim()}>
                {t('queue.escalate')}
              </button>
            </form>
          )}
          {canTransfer && !signed && (
            <form
              className="escalate"
              aria-labelledby="transfer-title"
              onSubmit={(e) => {
                e.preventDefault();
                void act(
                  () => api['queue.transfer']({ id: item.id, toStaffId: transferTo, note: transferNote }),
                  (i) => t('queue.transferred', { name: i.holder?.name ?? '' }),
                );
              }}
            >
              <h3 id="transfer-title">{t('queue.transferTo')}</h3>
              <label htmlFor="transfer-to">{t('queue.chooseColleague')}</label>
              <select id="transfer-to" value={transferTo} onChange={(e) => setTransferTo(e.target.value)}>
                <option value="">—</option>
                {colleagues.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                    {c.profession ? ` (${t(`roles.${c.profession}`)})` : ''}
                  </option>
                ))}
              </select>
              <label htmlFor="transfer-note">{t('queue.transferNote')}</label>
              <textarea id="transfer-note" value={transferNote} onChange={(e) => setTransferNote(e.target.value)} rows={2} />
              <button type="submit" className="secondary" disabled={!online || busy || !transferTo}>
                {t('queue.transfer')}
              </button>
            </form>
          )}
          {context && !context.inCare && <StatedReasonAccess residentId={item.resident.id} residentName={item.resident.name} />}
          {context && <ResidentContextPanel context={context} currentId={item.id} />}
        </div>
      </div>
    </aside>
  );
}
