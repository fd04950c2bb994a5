import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { TemplateList } from '../../../../shared/chat/chat-view';
import type { CallError } from '../../../../shared/contract';
import { type ResidentLanguage, isResidentLanguage, languageNames, residentLanguages } from '../../../../shared/i18n/resident';
import { useApi } from '../../api/api-context';
import { useKeptText } from '../kept/use-kept-text';
import { useErrorText } from '../../app/use-result-error';

type Texts = Record<ResidentLanguage, string>;
const Editing = z.object({ id: z.string(), text: z.object(Object.fromEntries(residentLanguages.map((l) => [l, z.string()])) as Record<ResidentLanguage, z.ZodString>), isNew: z.boolean() });
type Editing = z.infer<typeof Editing>;
function parseEditing(kept: string): Editing | null {
  if (!kept) return null;
  try {
    const parsed = Editing.safeParse(JSON.parse(kept));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
const emptyTexts = (): Texts => Object.fromEntries(residentLanguages.map((l) => [l, ''])) as Texts;

/** The organisation's chat templates: everyone reads them; team leads keep them, in every resident language. */
/**
 * A language still to translate: empty, marked with another language's tag ("[ar] …"), or the
 * same words as another language (copied, not translated).
 */
function translationMark(text: Record<ResidentLanguage, string>, l: ResidentLanguage): { kind: 'missing' } | { kind: 'copied'; from: ResidentLanguage } | null {
  const mine = text[l].trim();
  if (!mine || /^\[[a-z]{2}\]/.test(mine)) return { kind: 'missing' };
  const from = residentLanguages.find((other) => other !== l && text[other].trim() === mine);
  return from ? { kind: 'copied', from } : null;
}

export function TemplatesView() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [list, setList] = useState<TemplateList | null>(null);
  // The template being edited lives in what the workstation keeps as it is typed: a crash or a
  // restart brings the editor back as it was.
  const kept = useKeptText('template-editor:current');
  const editing = useMemo(() => parseEditing(kept.value), [kept.value]);
  const setEditing = (next: Editing | null) => (next ? kept.set(JSON.stringify(next)) : kept.clear());
  const [error, setError] = useState<CallError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void api['templates.list']({}).then((r) => (r.ok ? setList(r.value) : setError(r.error)));
  }, [api]);
  const own: ResidentLanguage = isResidentLanguage(i18n.language) ? i18n.language : 'fi';

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const r = await api['templates.save']({ id: editing.id, text: editing.text });
    if (r.ok) {
      setList(r.value);
      setEditing(null);
      setSaved(true);
      setError(null);
    } else setError(r.error);
  };

  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        {t('templates.title')}
      </h1>
      <p>{t('templates.intro')}</p>
      {list?.canEdit && !editing && (
        <button type="button" onClick={() => setEditing({ id: '', text: emptyTexts(), isNew: true })}>
          {t('templates.new')}
        </button>
      )}
      {editing && (
        <form onSubmit={save} className="template-editor" aria-labelledby="template-editor-title">
          <h2 id="template-editor-title">{editing.isNew ? t('templates.new') : t('templates.edit')}</h2>
          {editing.isNew && (
            <>
              <label htmlFor="template-id">{t('templates.key')}</label>
              <input
                id="template-id"
                value={editing.id}
                // Browsers read pattern with the v flag, where a bare '-' in a class is an error
                // (and the whole check was then skipped): escaped, keys are really checked.
                pattern={'[a-z0-9\\-]{1,40}'}
                required
                onChange={(e) => setEditing({ ...editing, id: e.target.value })}
              />
            </>
          )}
          {residentLanguages.map((l) => {
            const mark = translationMark(editing.text, l);
            return (
              <div key={l} className="template-editor__language">
                <label htmlFor={`template-${l}`}>{languageNames[l]}</label>
                <textarea
                  id={`template-${l}`}
                  lang={l}
                  dir={l === 'ar' ? 'rtl' : 'ltr'}
                  rows={3}
                  required
                  aria-describedby={mark ? `template-${l}-mark` : undefined}
                  value={editing.text[l]}
                  onChange={(e) => setEditing({ ...editing, text: { ...editing.text, [l]: e.target.value } })}
                />
                {mark && (
                  <p id={`template-${l}-mark`} className="template-editor__mark" data-testid={`template-mark-${l}`}>
                    {mark.kind === 'missing' ? t('templates.missing') : t('templates.copied', { language: languageNames[mark.from] })}
                  </p>
                )}
              </div>
            );
          })}
          <div className="actions">
            <button type="submit">{t('templates.save')}</button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              {t('templates.cancel')}
            </button>
          </div>
        </form>
      )}
      <p role="status" className="saved">
        {saved ? t('templates.saved') : ''}
      </p>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      <ul className="recent" data-testid="templates">
        {list?.templates.map((tpl) => (
          <li key={tpl.id}>
            <span lang={own}>{tpl.text[own]}</span>
            {list.canEdit && !editing && (
              <button type="button" className="secondary" aria-label={`${t('templates.edit')}: ${tpl.text[own]}`} onClick={() => setEditing({ id: tpl.id, text: { ...tpl.text }, isNew: false })}>
                {t('templates.edit')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
