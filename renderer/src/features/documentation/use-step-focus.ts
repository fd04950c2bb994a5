import { type RefObject, useLayoutEffect } from 'react';
import type { DraftView } from '../../../../shared/documentation/view';

/** A field still to fill: empty text, no choice made, no radio of its group checked. */
function isEmpty(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): boolean {
  if (el instanceof HTMLInputElement && el.type === 'radio')
    return (
      !el.form?.querySelector(`input[name="${el.name}"]:checked`) &&
      !el.closest('fieldset')?.querySelector(`input[name="${el.name}"]:checked`)
    );
  return el.value.trim() === '';
}

/**
 * After each step focus goes where the next action is: the first field still to fill, else the
 * step's main button (Next, Sign), else the panel's heading. Never left on <body>: a layout
 * effect, so focus moves in the same task that removed the focused button (a passive effect
 * left <body> focused until after the next paint, which a keyboard user or a slow machine meets).
 */
export function useStepFocus(panel: RefObject<HTMLElement | null>, draft: DraftView | null): void {
  const stepKey = draft ? `${draft.id}:${draft.step}:${draft.state}` : '';
  useLayoutEffect(() => {
    const root = panel.current;
    if (!stepKey || !root) return;
    const fields = [
      ...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
        '.doc-step textarea, .doc-step select, .doc-step input',
      ),
    ].filter((el) => !el.disabled && !el.hasAttribute('data-skip-focus'));
    const target =
      fields.find(isEmpty) ??
      root.querySelector<HTMLElement>('[data-primary]:not(:disabled)') ??
      root.querySelector<HTMLElement>('#doc-title');
    target?.focus();
  }, [panel, stepKey]);
}
