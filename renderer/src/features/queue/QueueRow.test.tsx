// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, renderWithApi } from '../../test-support/render-with-api';
import { queueItem } from '../../test-support/fixtures';
import { QueueRow } from './QueueRow';

const at = (iso: string) => new Date(iso).getTime();

describe('a queue row', () => {
  it('says who waits, why and for how long in words, with no codes or ISO times', () => {
    renderWithApi(
      <QueueRow
        item={queueItem({ interpreterNeeded: true, unread: 2 })}
        now={at('2026-12-01T08:20:00Z')}
        selected={false}
        index={0}
        count={3}
        onOpen={() => undefined}
      />,
      fakeApi({}),
    );
    const row = screen.getByRole('option');
    const text = row.textContent ?? '';
    expect(text).toContain('Sanna Testinen');
    expect(text).toContain('Arabic');
    expect(text).toContain('Interpreter needed');
    expect(text).toContain('Respiratory infection: difficulty breathing, fever 40 °C or more');
    expect(text).toContain('2 new messages');
    expect(text).toContain('Unclaimed');
    expect(screen.getByTestId('countdown').textContent).toBe('Due in 40 min');
    expect(text).not.toMatch(/breathing-difficulty|high-fever|\d{4}-\d{2}-\d{2}T/);
    expect(row.getAttribute('aria-posinset')).toBe('1');
    expect(row.getAttribute('aria-setsize')).toBe('3');
  });

  it('marks a passed deadline as overdue and names the holder, in Swedish', () => {
    renderWithApi(
      <QueueRow
        item={queueItem({ holder: { id: 'p1', name: 'Björn Nurse' }, kind: 'chat', reason: 'Hosta' })}
        now={at('2026-12-01T10:05:00Z')}
        selected
        index={4}
        count={9}
        onOpen={() => undefined}
      />,
      fakeApi({}),
      'sv',
    );
    const row = screen.getByRole('option', { selected: true });
    expect(screen.getByTestId('countdown').className).toContain('countdown--red');
    expect(screen.getByTestId('countdown').textContent).toMatch(/^Försenad 1 h 5 min$/);
    expect(screen.getByTestId('holder').textContent).toContain('Björn Nurse');
    expect(row.textContent).toContain('arabiska');
  });

  it('opens the contact when clicked', async () => {
    const onOpen = vi.fn();
    renderWithApi(
      <QueueRow
        item={queueItem()}
        now={at('2026-12-01T08:00:00Z')}
        selected={false}
        index={0}
        count={1}
        onOpen={onOpen}
      />,
      fakeApi({}),
    );
    await userEvent.click(screen.getByRole('option'));
    expect(onOpen).toHaveBeenCalledTimes(1);
  });
});
