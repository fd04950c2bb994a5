import { type FormEvent, type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatView } from '../../../../shared/chat/chat-view';
import { useApi } from '../../api/api-context';
import { useAction } from '../../api/use-call';
import { useErrorText } from '../../app/use-result-error';
import { useFormat } from '../../i18n/format';
import { useDebouncedKeep } from '../kept/use-debounced-keep';

interface Props {
  view: ChatView;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  /** How many lines are picked for the record. */
  chosenCount: number;
  onSent(view: ChatView): void;
  onEnd(): void;
}

/** Sends at most one "typing…" signal a second. */
const typingEveryMs = 1000;

/**
 * Writing to the resident: a template in her language (its wording in mine beside it) or my own
 * words; what is typed is kept by the workstation until sent, and comes back after a crash.
 */
export function ChatComposer({ view, composerRef, chosenCount, onSent, onEnd }: Props) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const format = useFormat();
  const { taskId } = view;
  // Words typed before a crash or a restart come back into the box, once.
  const [text, setText] = useState(view.unsent?.text ?? '');
  const [templateId, setTemplateId] = useState(view.unsent?.templateId ?? '');
  const [saved, setSaved] = useState(!!view.unsent?.text);
  const lastTyping = useRef(0);
  const send = useAction('chat.send');
  const { keep, cancel } = useDebouncedKeep<{ text: string; templateId: string }>((next) => {
    void api['chat.saveUnsent']({ taskId, text: next.text, templateId: next.templateId || null }).then((r) =>
      setSaved(r.ok && next.text.length > 0),
    );
  });
  const change = (nextText: string, nextTemplate: string) => {
    setText(nextText);
    setTemplateId(nextTemplate);
    setSaved(false);
    keep({ text: nextText, templateId: nextTemplate });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    const r = await send.run({ taskId, text: text.trim(), ...(templateId ? { templateId } : {}) });
    if (!r?.ok) return;
    cancel();
    setText('');
    setTemplateId('');
    setSaved(false);
    onSent(r.value);
    // Stay in the box for the next message.
    composerRef.current?.focus();
  };
  const template = view.templates.find((x) => x.id === templateId);
  const translated = template && view.residentLanguage !== i18n.language;
  return (
    <form onSubmit={(e) => void submit(e)} className="chat__compose">
      <label htmlFor="chat-template">{t('chat.template')}</label>
      <select
        id="chat-template"
        value={templateId}
        onChange={(e) => change(view.templates.find((x) => x.id === e.target.value)?.own ?? '', e.target.value)}
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
        ref={composerRef}
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
          // Edited wording is no longer the reviewed translation: it is sent as typed.
          change(e.target.value, '');
          if (Date.now() - lastTyping.current > typingEveryMs) {
            lastTyping.current = Date.now();
            void api['chat.typing']({ taskId });
          }
        }}
      />
      {translated && (
        <p className="chat__preview" data-testid="chat-translation">
          {t('chat.residentSees', { language: format.language(view.residentLanguage) })}:{' '}
          <span lang={view.residentLanguage}>{template.resident}</span>
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={!text.trim() || send.pending}>
          {t('chat.send')}
        </button>
        <button type="button" className="secondary" onClick={onEnd}>
          {t('chat.end')}
        </button>
      </div>
      {saved && text && (
        <p className="hint" data-testid="chat-unsent-saved">
          {t('chat.unsentSaved')}
        </p>
      )}
      {chosenCount > 0 && <p className="hint">{t('chat.excerptsChosen', { count: chosenCount })}</p>}
      {send.error && (
        <p role="alert" className="error">
          {errorText(send.error)}
        </p>
      )}
    </form>
  );
}
