import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffChatMessage } from '../../../../shared/chat/chat-view';
import { useFormat } from '../../i18n/format';
import { PhotoView } from '../photos/PhotoView';

interface Props {
  messages: StaffChatMessage[];
  /** The holder may pick lines for the record. */
  canPick: boolean;
  chosen: string[];
  onChoose(id: string, chosen: boolean): void;
  logRef: RefObject<HTMLDivElement | null>;
  /** Bumped when I sent a message: show the newest again, even if I had scrolled up. */
  sentCount: number;
}

/** The messages, following the newest unless the user scrolled up to read (then a pill says so). */
export function ChatLog({ messages, canPick, chosen, onChoose, logRef, sentCount }: Props) {
  const { t } = useTranslation();
  const time = useFormat().time;
  const following = useRef(true);
  const [missed, setMissed] = useState(false);
  const newest = messages.at(-1)?.id;
  useLayoutEffect(() => {
    if (sentCount) following.current = true;
  }, [sentCount]);
  useLayoutEffect(() => {
    const el = logRef.current;
    if (!el || !newest) return;
    if (following.current) el.scrollTop = el.scrollHeight;
    else setMissed(true);
  }, [newest, logRef]);
  const toNewest = () => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    following.current = true;
    setMissed(false);
  };
  return (
    <>
      <div
        role="log"
        aria-live="polite"
        aria-label={t('chat.heading')}
        className="chat__log"
        ref={logRef}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          if (following.current) setMissed(false);
        }}
      >
        <ol className="chat__messages">
          {messages.length === 0 && <li>{t('chat.empty')}</li>}
          {messages.map((m) => (
            <li key={m.id} className={m.from === 'staff' ? 'chat__mine' : 'chat__theirs'} data-testid="chat-message">
              <span className="chat__who">
                {m.from === 'staff' ? t('chat.you') : t('chat.resident')} · {time(m.sent)}
              </span>
              {m.text && <span lang={m.language ?? undefined}>{m.text}</span>}
              {m.attachment?.startsWith('Media/') && <PhotoView mediaId={m.attachment.slice(6)} when={time(m.sent)} />}
              {m.original && (
                <span className="chat__original">
                  {t('chat.yourText')}: <span lang={m.original.language}>{m.original.text}</span>
                </span>
              )}
              {m.from === 'staff' && (
                <span className="chat__delivery" data-testid="chat-delivery">
                  {t(`chat.delivery.${m.delivery}`)}
                </span>
              )}
              {canPick && (
                <label className="chat__excerpt">
                  <input
                    type="checkbox"
                    checked={chosen.includes(m.id)}
                    onChange={(e) => onChoose(m.id, e.target.checked)}
                  />{' '}
                  {t('chat.excerpt')}
                </label>
              )}
            </li>
          ))}
        </ol>
      </div>
      {missed && (
        <button type="button" className="chat__pill" onClick={toNewest} data-testid="chat-new-messages">
          {t('chat.newMessages')}
        </button>
      )}
    </>
  );
}
