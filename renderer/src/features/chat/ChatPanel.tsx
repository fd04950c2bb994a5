import { type FormEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { ChatView } from '../../../../shared/chat/chat-view';
import type { CallError } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../app/use-result-error';
import { PhotoView } from '../photos/PhotoView';

interface Props {
  taskId: string;
  /** The chat is over; the chosen messages are already in the draft. */
  onEnd(): void;
  /** Bumped by the composer shortcut (Alt+M): focus the message box (or the log when read-only). */
  focusRequest?: number;
}

/** The conversation with the resident: their self-assessment on top, templates in their language. */
export function ChatPanel({ taskId, onEnd, focusRequest = 0 }: Props) {
  const { t, i18n } = useTranslation();
  const time = useFormat().time;
  const api = useApi();
  const errorText = useErrorText();
  const [view, setView] = useState<ChatView | null>(null);
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [typing, setTyping] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<CallError | null>(null);
  const lastTyping = useRef(0);
  const restored = useRef(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const composer = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  /** Whether the user reads the newest messages (then new ones scroll into view). */
  const following = useRef(true);
  const [missed, setMissed] = useState(false);

  const load = useCallback(() => {
    void api['chat.thread']({ taskId }).then((r) => {
      if (!r.ok) return setError(r.error);
      setView(r.value);
      // Words typed before a crash or a restart come back into the box, once.
      if (!restored.current && r.value.unsent) {
        setText(r.value.unsent.text);
        setTemplateId(r.value.unsent.templateId ?? '');
        setSaved(true);
      }
      restored.current = true;
    });
  }, [api, taskId]);
  // Saved a moment after typing stops; the last save wins.
  const keep = (nextText: string, nextTemplate: string) => {
    setSaved(false);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      void api['chat.saveUnsent']({ taskId, text: nextText, templateId: nextTemplate || null }).then((r) => setSaved(r.ok && nextText.length > 0));
    }, 300);
  };
  useEffect(() => () => clearTimeout(saveTimer.current), []);
  useEffect(() => {
    load();
    return api.on('queue.changed', load);
  }, [api, load]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('chat.typing', (e) => {
      if (e.taskId !== taskId) return;
      setTyping(true);
      clearTimeout(timer);
      timer = setTimeout(() => setTyping(false), 3000);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api, taskId]);
  const loaded = view !== null;
  useEffect(() => {
    if (focusRequest && loaded) (composer.current ?? log.current)?.focus();
  }, [focusRequest, loaded]);
  // Follow the newest message unless the user scrolled up to read: then a pill says so.
  const newest = view?.messages.at(-1)?.id;
  useLayoutEffect(() => {
    const el = log.current;
    if (!el || !newest) return;
    if (following.current) el.scrollTop = el.scrollHeight;
    else setMissed(true);
  }, [newest]);
  const toNewest = () => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
    following.current = true;
    setMissed(false);
  };
  const unread = view?.canWrite && view.messages.some((m) => m.from === 'resident' && !m.read);
  useEffect(() => {
    if (unread) void api['chat.markRead']({ taskId });
  }, [api, taskId, unread]);

  if (!view) return error ? <p role="alert" className="error">{errorText(error)}</p> : null;
  const template = view.templates.find((x) => x.id === templateId);
  const translated = template && view.residentLanguage !== i18n.language;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const r = await api['chat.send']({ taskId, text: text.trim(), ...(templateId ? { templateId } : {}) });
    if (r.ok) {
      clearTimeout(saveTimer.current);
      setView(r.value);
      setText('');
      setTemplateId('');
      setSaved(false);
      setError(null);
      // The sent message is the newest: show it, and stay in the box for the next one.
      following.current = true;
      composer.current?.focus();
    } else setError(r.error);
  };
  const end = async () => {
    if (chosen.length > 0) {
      const r = await api['documentation.addChatExcerpts']({ taskId, messageIds: chosen });
      if (!r.ok) {
        setError(r.error);
        return;
      }
    }
    onEnd();
  };
  return (
    <section className="chat" aria-labelledby="chat-title" data-testid="chat">
      <h3 id="chat-title">{t('chat.heading')}</h3>
      {view.selfAssessment && (
        <div className="chat__summary" data-testid="chat-self-assessment">
          <strong>{t('chat.selfAssessment')}:</strong> {view.selfAssessment}
        </div>
      )}
      <div
        role="log"
        aria-live="polite"
        aria-label={t('chat.heading')}
        className="chat__log"
        ref={log}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
          if (following.current) setMissed(false);
        }}
      >
      <ol className="chat__messages">
        {view.messages.length === 0 && <li>{t('chat.empty')}</li>}
        {view.messages.map((m) => (
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
            {m.from === 'staff' && <span className="chat__delivery" data-testid="chat-delivery">{t(`chat.delivery.${m.delivery}`)}</span>}
            {view.canWrite && (
              <label className="chat__excerpt">
                <input type="checkbox" checked={chosen.includes(m.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, m.id] : c.filter((x) => x !== m.id)))} /> {t('chat.excerpt')}
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
      <p className="hint" aria-live="polite">{typing ? t('chat.typing') : ''}</p>
      {view.canWrite ? (
        <form onSubmit={send} className="chat__compose">
          <label htmlFor="chat-template">{t('chat.template')}</label>
          <select
            id="chat-template"
            value={templateId}
            onChange={(e) => {
              const own = view.templates.find((x) => x.id === e.target.value)?.own ?? '';
              setTemplateId(e.target.value);
              setText(own);
              keep(own, e.target.value);
            }}
          >
            <option value="">{t('chat.templateNone')}</option>
            {view.templates.map((x) => (
              <option key={x.id} value={x.id}>
                {x.own}
              </option>
            ))}
          </select>
          <label htmlFor="chat-text">{t('chat.message')}</label>
          <textarea
            id="chat-text"
            ref={composer}
            rows={3}
            aria-keyshortcuts="Alt+M Control+Enter"
            onKeyDown={(e) => {
              // Ctrl+Enter sends; Enter alone writes a new line.
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            value={text}
            maxLength={4000}
            onChange={(e) => {
              setText(e.target.value);
              // Edited wording is no longer the reviewed translation: send it as typed.
              if (templateId) setTemplateId('');
              keep(e.target.value, '');
              if (Date.now() - lastTyping.current > 1000) {
                lastTyping.current = Date.now();
                void api['chat.typing']({ taskId });
              }
            }}
          />
          {translated && (
            <p className="chat__preview" data-testid="chat-translation">
              {t('chat.residentSees', { language: view.residentLanguage })}: <span lang={view.residentLanguage}>{template.resident}</span>
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={!text.trim()}>
              {t('chat.send')}
            </button>
            <button type="button" className="secondary" onClick={() => void end()}>
              {t('chat.end')}
            </button>
          </div>
          {saved && text && <p className="hint" data-testid="chat-unsent-saved">{t('chat.unsentSaved')}</p>}
          {chosen.length > 0 && <p className="hint">{t('chat.excerptsChosen', { count: chosen.length })}</p>}
        </form>
      ) : (
        <p className="hint">{t('chat.readOnly')}</p>
      )}
      {error && <p role="alert" className="error">{errorText(error)}</p>}
    </section>
  );
}
