import type { KeyboardEvent } from 'react';

interface Keys {
  move(to: number): void;
  selected: number;
  matching: number;
  openCurrent(): void;
  claimCurrent(): void;
  focusFilter(): void;
  showHelp(): void;
  /** Esc in the list: close the opened contact (the topmost thing). */
  close(): void;
  /** Esc inside the opened contact: close it and return to the list. */
  leaveContact(): void;
  /** [ and ]: the list narrower or wider beside an opened contact (the keyboard's way to drag its edge). */
  resizeRail(by: number): void;
}

const railStep = 32;

/**
 * The queue's single-key shortcuts. They never fire while typing in a field or a dialog, nor on
 * Enter or Space on a button (which press it), nor inside the opened contact, where only Esc
 * (close it) is the queue's.
 */
export function queueKeyHandler(k: Keys) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, dialog')) return;
    if ((event.key === 'Enter' || event.key === ' ') && target.closest('button, a, summary')) return;
    if (target.closest('[data-contact-pane]')) {
      if (event.key === 'Escape') {
        event.preventDefault();
        k.leaveContact();
      }
      return;
    }
    const keys: Record<string, () => void> = {
      j: () => k.move(k.selected + 1),
      ArrowDown: () => k.move(k.selected + 1),
      k: () => k.move(k.selected - 1),
      ArrowUp: () => k.move(k.selected - 1),
      Home: () => k.move(0),
      End: () => k.move(k.matching - 1),
      Enter: k.openCurrent,
      c: k.claimCurrent,
      '/': k.focusFilter,
      '?': k.showHelp,
      Escape: k.close,
      '[': () => k.resizeRail(-railStep),
      ']': () => k.resizeRail(railStep),
    };
    const run = keys[event.key];
    if (run) {
      event.preventDefault();
      run();
    }
  };
}
