import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ResidentLanguage, isResidentLanguage } from '../../../../shared/i18n/resident';
import { useAction, useCall } from '../../api/use-call';
import { useErrorText } from '../../app/use-result-error';
import { useKeptText } from '../kept/use-kept-text';
import { Editing, TemplateEditor, emptyTexts } from './TemplateEditor';

function parseEditing(kept: string): Editing | null {
  if (!kept) return null;
  try {
    const parsed = Editing.safeParse(JSON.parse(kept));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The organisation's chat templates: everyone reads them; team leads keep, retire and bring them back, in every resident language. */
export function TemplatesView() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const list = useCall('templates.list', {});
  const saveAction = useAction('templates.save');
  const retireAction = useAction('templates.retire');
  // The template being edited lives in what the workstation keeps as it is typed: a crash or a
  // restart brings the editor back as it was.
  const kept = useKeptText('template-editor:current');
  const editing = useMemo(() => parseEditing(kept.value), [kept.value]);
  const setEditing = (next: Editing | null) => (next ? kept.set(JSON.stringify(next)) : kept.clear());
  const [saved, setSaved] = useState(false);
  const own: ResidentLanguage = isResidentLanguage(i18n.language) ? i18n.language : 'fi';
  const canEdit = !!list.value?.canEdit;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const r = await saveAction.run({ id: editing.id, text: editing.text });
    if (!r?.ok) return;
    list.set(r.value);
    setEditing(null);
    setSaved(true);
  };
  const retire = async (id: string, retired: boolean) => {
    const r = await retireAction.run({ id, retired });
    if (r?.ok) list.set(r.value);
  };
  const error = saveAction.error ?? retireAction.error ?? list.error;

  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title" tabIndex={-1}>
        {t('templates.title')}
      </h1>
      <p>{t('templates.intro')}</p>
      {canEdit && !editing && (
        <button type="button" onClick={() => setEditing({ id: '', text: emptyTexts(), isNew: true })}>
          {t('templates.new')}
        </button>
      )}
      {editing && (
        <TemplateEditor
          editing={editing}
          onChange={setEditing}
          onSave={(e) => void save(e)}
          onCancel={() => setEditing(null)}
        />
      )}
      <p role="status" className="saved">
        {saved ? t('templates.saved') : ''}
      </p>
      {error && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
      <ul className="recent" data-testid="templates">
        {list.value?.templates.map((tpl) => (
          <li key={tpl.id} data-testid="template" data-retired={tpl.retired || undefined}>
            <span lang={own}>{tpl.text[own]}</span>
            {tpl.retired && <span className="hint"> {t('templates.retiredMark')}</span>}
            {canEdit && !editing && (
              <>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`${t('templates.edit')}: ${tpl.text[own]}`}
                  onClick={() => setEditing({ id: tpl.id, text: { ...tpl.text }, isNew: false })}
                >
                  {t('templates.edit')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`${tpl.retired ? t('templates.restore') : t('templates.retire')}: ${tpl.text[own]}`}
                  disabled={retireAction.pending}
                  onClick={() => void retire(tpl.id, !tpl.retired)}
                >
                  {tpl.retired ? t('templates.restore') : t('templates.retire')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
