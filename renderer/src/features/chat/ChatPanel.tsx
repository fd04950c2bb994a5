import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/use-call';
import { useErrorText } from '../../app/use-result-error';
import { ChatComposer } from './ChatComposer';
import { ChatLog } from './ChatLog';
import { SelfAssessmentSummary } from './SelfAssessmentSummary';
import { useChatThread } from './use-chat-thread';

interface Props {
  taskId: string;
  /** The chat is over; the chosen messages are already in the draft. */
  onEnd(): void;
  /** Bumped by the composer shortcut (Alt+M): focus the message box (or the log when read-only). */
  focusRequest?: number;
}

/** The conversation with the resident: their self-assessment on top, templates in their language. */
export function ChatPanel({ taskId, onEnd, focusRequest = 0 }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const thread = useChatThread(taskId);
  const excerpts = useAction('documentation.addChatExcerpts');
  const [chosen, setChosen] = useState<string[]>([]);
  const [sentCount, setSentCount] = useState(0);
  const composer = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const view = thread.value;
  const loaded = view !== null;
  useEffect(() => {
    if (focusRequest && loaded) (composer.current ?? log.current)?.focus();
  }, [focusRequest, loaded]);

  if (!view)
    return thread.error ? (
      <p role="alert" className="error">
        {errorText(thread.error)}
      </p>
    ) : null;
  const end = async () => {
    // The picked lines go into the record before the documentation opens.
    if (chosen.length > 0 && !(await excerpts.run({ taskId, messageIds: chosen }))?.ok) return;
    onEnd();
  };
  const error = excerpts.error ?? thread.error;
  return (
    <section className="chat" aria-labelledby="chat-title" data-testid="chat">
      <h3 id="chat-title">{t('chat.heading')}</h3>
      {view.selfAssessment && <SelfAssessmentSummary assessment={view.selfAssessment} />}
      <ChatLog
        messages={view.messages}
        canPick={view.canWrite}
        chosen={chosen}
        onChoose={(id, on) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)))}
        logRef={log}
        sentCount={sentCount}
      />
      <p className="hint" aria-live="polite">
        {thread.typing ? t('chat.typing') : ''}
      </p>
      {view.canWrite ? (
        <ChatComposer
          view={view}
          composerRef={composer}
          chosenCount={chosen.length}
          onSent={(next) => {
            thread.set(next);
            setSentCount((n) => n + 1);
          }}
          onEnd={() => void end()}
        />
      ) : (
        <p className="hint">{t('chat.readOnly')}</p>
      )}
      {error && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
    </section>
  );
}
