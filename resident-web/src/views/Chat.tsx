import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { ChatThread } from '../../../shared/protocol/resident';
import type { ViewProps } from '../App';
import { maxPhotoBytes, photoTypes } from '../../../shared/protocol/resident';
import { ApiError, api } from '../api';
import { useKept } from '../kept-state';
import { base64 } from './Requests';
import { formatTime } from '../format';

const Draft = z.object({ text: z.string().max(4000), id: z.uuid() });
const newDraft = () => ({ text: '', id: crypto.randomUUID() });

/** A photo she sent, as its thumbnail; the words "Photo" stand in while it loads or if it cannot be shown. */
function OwnPhoto({ token, media }: { token: string; media: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let shown: string | null = null;
    let live = true;
    api.ownThumbnail(token, media).then(
      (u) => {
        if (live) setUrl((shown = u));
        else URL.revokeObjectURL(u);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (shown) URL.revokeObjectURL(shown);
    };
  }, [token, media]);
  return url ? (
    <img className="photo" src={url} alt={t('chat.photoAlt')} />
  ) : (
    <span className="text">📷 {t('chat.photo')}</span>
  );
}

/** A message being written: kept as typed, sent with one id however often it is retried. */
function Compose({
  owner,
  name,
  label,
  submit,
  onTyping,
}: {
  owner: string;
  name: string;
  label: string;
  submit: (text: string, id: string) => Promise<void>;
  onTyping?: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft, sent] = useKept(owner, name, newDraft, Draft);
  const text = draft.text;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await submit(text.trim(), draft.id);
      sent();
    } catch {
      // The text stays in the box: nothing the resident wrote is thrown away.
      setError(t('errors.offline'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={send} className="compose">
      <label htmlFor="message">{label}</label>
      <textarea
        id="message"
        value={text}
        rows={3}
        maxLength={4000}
        onChange={(e) => {
          setDraft((d) => ({ ...d, text: e.target.value }));
          onTyping?.();
        }}
      />
      <button type="submit" disabled={busy}>
        {t('chat.send')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

function AttachPhoto({ submit }: { submit: (file: File) => Promise<void> }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    try {
      await submit(file);
      setFile(null);
      (e.target as HTMLFormElement).reset();
    } catch (err) {
      setError(
        (err instanceof Error && err.message === 'bad-file') || (err instanceof ApiError && err.status === 400)
          ? t('photo.badFile')
          : t('errors.offline'),
      );
    }
  };
  return (
    <form onSubmit={send} className="compose">
      <label htmlFor="chat-photo">{t('chat.attach')}</label>
      <input
        id="chat-photo"
        type="file"
        accept={[...photoTypes, '.heic', '.heif'].join(',')}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <button type="submit" disabled={!file}>
        {t('chat.sendPhoto')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

export function Chat({
  session,
  taskId,
  version,
  typing,
  onTyping,
}: ViewProps & { taskId: string; typing: boolean; onTyping: () => void }) {
  const { t, i18n } = useTranslation();
  const [thread, setThread] = useState<ChatThread | null>(null);
  useEffect(() => {
    let live = true;
    api.thread(session.accessToken, taskId).then(
      (th) => {
        if (!live) return;
        setThread(th);
        if (th.messages.some((m) => m.from === 'staff' && !m.read))
          void api.markRead(session.accessToken, taskId).catch(() => undefined);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [session.accessToken, taskId, version]);
  const send = async (text: string, messageId: string) => {
    // Retried with the same id on a flaky line (and by the resident after a reload): the backend keeps one copy.
    await api
      .send(session.accessToken, taskId, messageId, text)
      .catch(() => api.send(session.accessToken, taskId, messageId, text));
    setThread(await api.thread(session.accessToken, taskId));
  };
  const sendPhoto = async (file: File) => {
    // The backend reads the real type from the bytes and refuses anything but a photo.
    if (file.size > maxPhotoBytes) throw new Error('bad-file');
    await api.sendPhoto(session.accessToken, taskId, {
      messageId: crypto.randomUUID(),
      contentType: file.type,
      dataBase64: await base64(file),
      description: '',
    });
    setThread(await api.thread(session.accessToken, taskId));
  };
  return (
    <section>
      <h1 tabIndex={-1}>{thread ? t(`kinds.${thread.kind}`) : t('chat.heading')}</h1>
      {thread && <p>{t(`status.${thread.status}`)}</p>}
      <div role="log" aria-live="polite" aria-label={t('chat.heading')}>
        <ol className="messages">
          {thread?.messages.length === 0 && <li>{t('chat.empty')}</li>}
          {thread?.messages.map((m) => (
            <li key={m.id} className={m.from === 'resident' ? 'mine' : 'theirs'}>
              <span className="who">{m.from === 'resident' ? t('chat.you') : t('chat.professional')}</span>
              {m.text && (
                <span className="text" lang={m.language ?? undefined}>
                  {m.text}
                </span>
              )}
              {m.attachment &&
                (m.from === 'resident' ? (
                  <OwnPhoto token={session.accessToken} media={m.attachment} />
                ) : (
                  <span className="text">📷 {t('chat.photo')}</span>
                ))}
              <span className="meta">
                {formatTime(m.sent, i18n.language)}
                {m.from === 'resident' && <> · {m.read ? t('chat.read') : t('chat.sent')}</>}
              </span>
            </li>
          ))}
        </ol>
      </div>
      <p className="typing" aria-live="polite">
        {typing ? t('chat.typing') : ''}
      </p>
      {thread && thread.status !== 'done' && (
        <>
          <Compose
            owner={session.patientId}
            name={`chat:${taskId}`}
            label={t('chat.message')}
            submit={send}
            onTyping={onTyping}
          />
          <AttachPhoto submit={sendPhoto} />
        </>
      )}
    </section>
  );
}

export function NewChat({ session, language, go }: ViewProps) {
  const { t } = useTranslation();
  const start = async (text: string, requestId: string) => {
    const { taskId } = await api.startChat(session.accessToken, { requestId, text, language });
    go({ name: 'chat', taskId });
  };
  return (
    <section>
      <h1 tabIndex={-1}>{t('chat.start')}</h1>
      <Compose owner={session.patientId} name="new-chat" label={t('chat.firstMessage')} submit={start} />
    </section>
  );
}
