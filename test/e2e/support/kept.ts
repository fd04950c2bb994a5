import { type Page, expect } from '@playwright/test';
import { ClientFrame, ResultFrame } from '../../../shared/contract/wire';

/**
 * Watches the workstation's answers to `kept.save` on every socket the page opens, so a test
 * waits for the signal that typed text is kept instead of sleeping past the debounce.
 * Start it before the page loads.
 */
export function watchKeptText(page: Page) {
  const kept: string[] = [];
  page.on('websocket', (ws) => {
    const asked = new Map<number, string>();
    ws.on('framesent', ({ payload }) => {
      const frame = ClientFrame.safeParse(JSON.parse(String(payload)));
      if (frame.success && frame.data.call === 'kept.save')
        asked.set(frame.data.id, String((frame.data.input as { value?: unknown }).value ?? ''));
    });
    ws.on('framereceived', ({ payload }) => {
      const frame = ResultFrame.safeParse(JSON.parse(String(payload)));
      const value = frame.success ? asked.get(frame.data.id) : undefined;
      if (frame.success && value !== undefined && frame.data.result.ok) kept.push(value);
    });
  });
  return {
    /** How many saves were confirmed so far: pass it to `kept` to wait only for later ones. */
    confirmed: () => kept.length,
    /** Resolves once the workstation has confirmed keeping a value that passes `matches` (after the first `since` saves). */
    async kept(matches: (value: string) => boolean, since = 0): Promise<void> {
      await expect
        .poll(() => kept.slice(since).some(matches), { message: 'the workstation confirms the typed text is kept' })
        .toBe(true);
    },
  };
}
