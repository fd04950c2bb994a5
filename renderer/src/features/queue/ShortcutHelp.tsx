import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export const queueShortcuts = [
  ['j / ↓', 'queue.keyNext'],
  ['k / ↑', 'queue.keyPrevious'],
  ['Enter', 'queue.keyOpen'],
  ['c', 'queue.keyClaim'],
  ['/', 'queue.keyFilter'],
  ['?', 'queue.keyHelp'],
  ['Esc', 'queue.keyClose'],
  ['[ / ]', 'queue.keyRail'],
  ['Alt+M', 'queue.keyComposer'],
  ['Ctrl+Enter', 'queue.keySend'],
  ['Alt+Q', 'queue.keyBackToQueue'],
] as const;

/** The list of queue shortcuts, in a modal dialog (Esc closes it and focus returns). */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby="shortcut-title" onClose={onClose} className="dialog">
      <h2 id="shortcut-title">{t('queue.shortcutsTitle')}</h2>
      <dl className="shortcuts">
        {queueShortcuts.map(([keys, label]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        {t('queue.close')}
      </button>
    </dialog>
  );
}
