import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { type ResidentLanguage, languageNames, residentLanguages } from '../../../../shared/i18n/resident';

export type Texts = Record<ResidentLanguage, string>;
export const Editing = z.object({
  id: z.string(),
  text: z.object(
    Object.fromEntries(residentLanguages.map((l) => [l, z.string()])) as Record<ResidentLanguage, z.ZodString>,
  ),
  isNew: z.boolean(),
});
export type Editing = z.infer<typeof Editing>;

export const emptyTexts = (): Texts => Object.fromEntries(residentLanguages.map((l) => [l, ''])) as Texts;

/**
 * A language still to translate: empty, marked with another language's tag ("[ar] …"), or the
 * same words as another language (copied, not translated).
 */
function translationMark(
  text: Texts,
  l: ResidentLanguage,
): { kind: 'missing' } | { kind: 'copied'; from: ResidentLanguage } | null {
  const mine = text[l].trim();
  if (!mine || /^\[[a-z]{2}\]/.test(mine)) return { kind: 'missing' };
  const from = residentLanguages.find((other) => other !== l && text[other].trim() === mine);
  return from ? { kind: 'copied', from } : null;
}

interface Props {
  editing: Editing;
  onChange(next: Editing): void;
  onSave(e: FormEvent): void;
  onCancel(): void;
}

/** One template in every resident language, with a mark on each language not translated yet. */
export function TemplateEditor({ editing, onChange, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <form onSubmit={onSave} className="template-editor" aria-labelledby="template-editor-title">
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
            onChange={(e) => onChange({ ...editing, id: e.target.value })}
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
              onChange={(e) => onChange({ ...editing, text: { ...editing.text, [l]: e.target.value } })}
            />
            {mark && (
              <p id={`template-${l}-mark`} className="template-editor__mark" data-testid={`template-mark-${l}`}>
                {mark.kind === 'missing'
                  ? t('templates.missing')
                  : t('templates.copied', { language: languageNames[mark.from] })}
              </p>
            )}
          </div>
        );
      })}
      <div className="actions">
        <button type="submit">{t('templates.save')}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('templates.cancel')}
        </button>
      </div>
    </form>
  );
}
